// ArgMax / ArgMin over the middle axis: the index of the first extreme value, where a NaN counts
// as more extreme than anything (the first NaN wins, like numpy).
#include <algorithm>
#include <type_traits>

#include "../kernels.h"
#include "extreme.h"
#include "thread_pool.h"

namespace ts {
namespace {

constexpr size_t kGrain = size_t{1} << 16;
constexpr size_t kColumnBlock = 256;

template <ArgReduceOp op, typename T>
inline bool better(T v, T best) {
  return op == ArgReduceOp::ArgMax ? v > best : v < best;
}

template <typename T>
struct Best {
  T value;
  size_t at;
  bool is_nan() const { return value != value; }
};

// The first extreme of x[begin, end) (begin < end). Each chunk's extreme is found with vector
// code; only a chunk that improves on the best so far is scanned again for its position.
template <ArgReduceOp op, typename T>
Best<T> scan(const T* x, size_t begin, size_t end) {
  constexpr size_t kChunk = 2048;
  Best<T> best{x[begin], begin};
  for (size_t c = begin; c < end && !best.is_nan(); c += kChunk) {
    size_t len = std::min(kChunk, end - c);
    T m = extreme<op == ArgReduceOp::ArgMax>(x + c, len, x[c]);
    if (m == m && !better<op>(m, best.value)) continue;
    size_t i = c;
    while (!(x[i] == m || (m != m && x[i] != x[i]))) ++i;
    best = {x[i], i};
  }
  return best;
}

// A later range replaces the result only when strictly better, so ties keep the first index.
template <ArgReduceOp op, typename T>
Best<T> merge(Best<T> first, Best<T> later) {
  if (first.is_nan()) return first;
  return later.is_nan() || better<op>(later.value, first.value) ? later : first;
}

template <ArgReduceOp op, typename T>
int32_t arg_row_parallel(const T* x, size_t n) {
  size_t chunks = std::min<size_t>((size_t)thread_count(), n / kGrain);
  if (chunks <= 1) return (int32_t)scan<op>(x, 0, n).at;
  struct Job {
    const T* x;
    size_t n, chunks;
    Best<T> part[64];
  } job{x, n, chunks, {}};
  run_tasks(chunks, [](void* ctx, size_t t) {
    Job& j = *static_cast<Job*>(ctx);
    size_t b = j.n / j.chunks * t, e = t + 1 == j.chunks ? j.n : j.n / j.chunks * (t + 1);
    j.part[t] = scan<op>(j.x, b, e);
  }, &job);
  Best<T> best = job.part[0];
  for (size_t t = 1; t < chunks; ++t) best = merge<op>(best, job.part[t]);
  return (int32_t)best.at;
}

// Columns [c0, c1) of one outer slice, keeping one running best per column. Once a column's best
// is NaN it never changes again.
template <ArgReduceOp op, typename T>
void arg_columns(const T* x, int32_t* out, size_t mid, size_t inner, size_t c0, size_t c1) {
  T best[kColumnBlock];
  int32_t at[kColumnBlock];
  size_t w = c1 - c0;
  for (size_t i = 0; i < w; ++i) {
    best[i] = x[c0 + i];
    at[i] = 0;
  }
  for (size_t m = 1; m < mid; ++m) {
    const T* row = x + m * inner + c0;
    for (size_t i = 0; i < w; ++i) {
      T v = row[i];
      bool take = best[i] == best[i] && (v != v || better<op>(v, best[i]));
      best[i] = take ? v : best[i];
      at[i] = take ? (int32_t)m : at[i];
    }
  }
  for (size_t i = 0; i < w; ++i) out[c0 + i] = at[i];
}

template <ArgReduceOp op, typename T>
void arg_typed(const T* x, int32_t* out, size_t outer, size_t mid, size_t inner) {
  if (inner == 1 && outer < (size_t)thread_count()) {
    for (size_t o = 0; o < outer; ++o) out[o] = arg_row_parallel<op>(x + o * mid, mid);
    return;
  }
  if (inner == 1) {
    parallel_for(outer, kGrain / mid + 1, 16, [&](size_t b, size_t e) {
      for (size_t o = b; o < e; ++o) out[o] = (int32_t)scan<op>(x + o * mid, 0, mid).at;
    });
    return;
  }
  size_t blocks = (inner + kColumnBlock - 1) / kColumnBlock;
  parallel_for(outer * blocks, kGrain / (mid * kColumnBlock) + 1, 1, [&](size_t b, size_t e) {
    for (size_t item = b; item < e; ++item) {
      size_t o = item / blocks, c0 = item % blocks * kColumnBlock;
      size_t c1 = std::min(inner, c0 + kColumnBlock);
      arg_columns<op>(x + o * mid * inner, out + o * inner, mid, inner, c0, c1);
    }
  });
}

template <typename T>
void arg_dispatch(ArgReduceOp op, const T* x, int32_t* out, size_t outer, size_t mid,
                  size_t inner) {
  if (op == ArgReduceOp::ArgMax) arg_typed<ArgReduceOp::ArgMax>(x, out, outer, mid, inner);
  else arg_typed<ArgReduceOp::ArgMin>(x, out, outer, mid, inner);
}

}  // namespace

void arg_reduce(ArgReduceOp op, const Array& x, int32_t* out, size_t outer, size_t mid,
                size_t inner) {
  if (outer == 0 || inner == 0 || mid == 0) return;
  if (x.dtype == DType::F32) arg_dispatch(op, x.as<float>(), out, outer, mid, inner);
  else if (x.dtype == DType::I32) arg_dispatch(op, x.as<int32_t>(), out, outer, mid, inner);
}

}  // namespace ts
