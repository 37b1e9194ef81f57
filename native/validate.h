// Shape arithmetic for argument checking, kept apart from binding.cc so it stays free of V8 and
// can be reasoned about on its own. Everything is overflow-checked: the inputs come from JS.
#pragma once
#include <cstddef>
#include <cstdint>

namespace ts {

// a * b, or false when it does not fit in 64 bits.
inline bool checked_mul(uint64_t a, uint64_t b, uint64_t* out) {
  return !__builtin_mul_overflow(a, b, out);
}

// The product of n non-negative dims, or false on overflow (or a negative dim, reported via
// *bad_index; -1 when the failure was overflow).
inline bool shape_product(const int32_t* dims, int n, uint64_t* out, int* bad_index) {
  uint64_t p = 1;
  *bad_index = -1;
  for (int i = 0; i < n; ++i) {
    if (dims[i] < 0) {
      *bad_index = i;
      return false;
    }
    if (!checked_mul(p, (uint64_t)dims[i], &p)) return false;
  }
  *out = p;
  return true;
}

// Whether perm holds each of 0..n-1 exactly once.
inline bool is_permutation(const int32_t* perm, int n) {
  bool seen[8] = {};
  if (n > 8) return false;
  for (int i = 0; i < n; ++i) {
    if (perm[i] < 0 || perm[i] >= n || seen[perm[i]]) return false;
    seen[perm[i]] = true;
  }
  return true;
}

// The largest element offset that shape + strides can reach (shape has no zero dims), or false
// when it exceeds `limit`. Each term is below 2^62 and the running sum stays below 2^63 because
// it is compared with limit (< 2^53) after every step.
inline bool max_offset_within(const int32_t* shape, const int32_t* strides, int n, uint64_t limit,
                              uint64_t* max_offset) {
  uint64_t off = 0;
  for (int i = 0; i < n; ++i) {
    off += (uint64_t)(shape[i] - 1) * (uint64_t)strides[i];
    if (off > limit) return false;
  }
  *max_offset = off;
  return true;
}

}  // namespace ts
