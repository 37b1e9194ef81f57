// Philox4x32-10 (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3", SC11), the
// counter-based generator TensorFlow uses. Shared by the CPU and CUDA kernels so both produce the
// same stream: element i of a request comes from block (counter + i / 4), lane i % 4.
#pragma once
#include <cstdint>
#include <cstring>

#include "scalar_ops.h"

namespace ts {

struct PhiloxBlock {
  uint32_t v[4];
};

TS_HD PhiloxBlock philox4x32_10(uint64_t block, uint32_t seed, uint32_t stream) {
  constexpr uint32_t kM0 = 0xD2511F53u, kM1 = 0xCD9E8D57u;
  constexpr uint32_t kW0 = 0x9E3779B9u, kW1 = 0xBB67AE85u;
  uint32_t c0 = (uint32_t)block, c1 = (uint32_t)(block >> 32), c2 = 0, c3 = 0;
  uint32_t k0 = seed, k1 = stream;
  for (int round = 0; round < 10; ++round) {
    uint64_t p0 = (uint64_t)kM0 * c0, p1 = (uint64_t)kM1 * c2;
    uint32_t hi0 = (uint32_t)(p0 >> 32), lo0 = (uint32_t)p0;
    uint32_t hi1 = (uint32_t)(p1 >> 32), lo1 = (uint32_t)p1;
    c0 = hi1 ^ c1 ^ k0;
    c1 = lo1;
    c2 = hi0 ^ c3 ^ k1;
    c3 = lo0;
    k0 += kW0;
    k1 += kW1;
  }
  return PhiloxBlock{{c0, c1, c2, c3}};
}

TS_HD float bits_to_float(uint32_t bits) {
#ifdef __CUDA_ARCH__
  return __uint_as_float(bits);
#else
  float f;
  std::memcpy(&f, &bits, sizeof f);
  return f;
#endif
}

// The top 23 bits become the mantissa of a float in [1, 2); subtracting 1 is exact, so every
// value is a multiple of 2^-23 in [0, 1).
TS_HD float uniform_float(uint32_t u) { return bits_to_float((u >> 9) | 0x3f800000u) - 1.0f; }

// Box-Muller on a pair of uniforms, as TensorFlow's BoxMullerFloat: u1 is clamped away from 0 so
// the log stays finite.
TS_HD void box_muller(uint32_t x0, uint32_t x1, float* f0, float* f1) {
  const float kEpsilon = 1.0e-7f;
  const float kTwoPi = 6.2831853071795864f;
  float u1 = uniform_float(x0);
  if (u1 < kEpsilon) u1 = kEpsilon;
  float v1 = kTwoPi * uniform_float(x1);
  float r = sqrtf(-2.0f * logf(u1));
  *f0 = r * sinf(v1);
  *f1 = r * cosf(v1);
}

// Truncated normal: word w of a block keeps its normal value v while |v| < 2; otherwise redraw r
// (1, 2, ...) takes the normal of the same word and block under key (seed, stream ^ r * 0x9E3779B9),
// so every element depends only on its own position. Each draw is rejected with probability
// 0.0455; after 64 rejections in a row (never observed: 1e-86) the element is 0.
TS_HD float truncate_normal(float v, uint64_t block, uint32_t seed, uint32_t stream, int w) {
  for (uint32_t r = 1; !(fabsf(v) < 2.0f); ++r) {
    if (r > 64) return 0.0f;
    PhiloxBlock b = philox4x32_10(block, seed, stream ^ (r * 0x9E3779B9u));
    float f0, f1;
    box_muller(b.v[w & 2], b.v[(w & 2) + 1], &f0, &f1);
    v = (w & 1) ? f1 : f0;
  }
  return v;
}

// The four outputs of one block for the requested distribution.
TS_HD void philox_floats(RandomKind kind, uint64_t block, uint32_t seed, uint32_t stream,
                         float out[4]) {
  PhiloxBlock b = philox4x32_10(block, seed, stream);
  if (kind == RandomKind::Uniform) {
    for (int i = 0; i < 4; ++i) out[i] = uniform_float(b.v[i]);
  } else {
    box_muller(b.v[0], b.v[1], &out[0], &out[1]);
    box_muller(b.v[2], b.v[3], &out[2], &out[3]);
    if (kind == RandomKind::TruncatedNormal)
      for (int i = 0; i < 4; ++i) out[i] = truncate_normal(out[i], block, seed, stream, i);
  }
}

}  // namespace ts
