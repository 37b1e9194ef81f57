// Packing for the AVX-512 GEMM (sgemm_avx512.cc, its only user): per-thread packing buffers
// (scratch.h), a 16 x 16 transpose, A slivers of MR rows and B panels of NR-column slivers. x86-64
// only; every function carries the AVX-512 target attribute, like the kernels.
#pragma once
#if defined(__x86_64__)
// GCC 12.2 warns falsely about the _mm512_undefined_ps() these intrinsics pass through.
#pragma GCC diagnostic push
#ifndef __clang__
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <immintrin.h>
#pragma GCC diagnostic pop

#include <algorithm>
#include <cstdlib>

#include "gemm.h"
#include "scratch.h"

#define TS_AVX512 __attribute__((target("avx512f,avx512bw,avx512vl,avx512dq,fma")))

namespace ts {
namespace avx512 {

constexpr size_t MR = kAvx512MR, NR = kAvx512NR;

inline thread_local Scratch g_pack_a, g_pack_b;

TS_AVX512 inline __mmask16 first(size_t lanes) {
  return (__mmask16)(lanes >= 16 ? 0xffff : (1u << lanes) - 1);
}

// dst[q * ldd + r] = src[r * ld + q] for q < cols, r < 16, with src rows r >= rows read as 0;
// only the lanes in `keep` of each dst row are written.
TS_AVX512 inline void transpose16(const float* src, size_t ld, size_t rows, size_t cols, float* dst,
                           size_t ldd, __mmask16 keep) {
  const __mmask16 in = first(cols);
  __m512 r[16], t[16];
#pragma GCC unroll 16
  for (size_t q = 0; q < 16; ++q)
    r[q] = q < rows ? _mm512_maskz_loadu_ps(in, src + q * ld) : _mm512_setzero_ps();
#pragma GCC unroll 8
  for (int q = 0; q < 16; q += 2) {
    t[q] = _mm512_unpacklo_ps(r[q], r[q + 1]);
    t[q + 1] = _mm512_unpackhi_ps(r[q], r[q + 1]);
  }
#pragma GCC unroll 4
  for (int q = 0; q < 16; q += 4) {
    r[q] = _mm512_shuffle_ps(t[q], t[q + 2], 0x44);
    r[q + 1] = _mm512_shuffle_ps(t[q], t[q + 2], 0xee);
    r[q + 2] = _mm512_shuffle_ps(t[q + 1], t[q + 3], 0x44);
    r[q + 3] = _mm512_shuffle_ps(t[q + 1], t[q + 3], 0xee);
  }
#pragma GCC unroll 4
  for (int q = 0; q < 4; ++q) {
    t[q] = _mm512_shuffle_f32x4(r[q], r[q + 4], 0x88);
    t[q + 4] = _mm512_shuffle_f32x4(r[q], r[q + 4], 0xdd);
    t[q + 8] = _mm512_shuffle_f32x4(r[q + 8], r[q + 12], 0x88);
    t[q + 12] = _mm512_shuffle_f32x4(r[q + 8], r[q + 12], 0xdd);
  }
#pragma GCC unroll 4
  for (int q = 0; q < 4; ++q) {
    r[q] = _mm512_shuffle_f32x4(t[q], t[q + 8], 0x88);
    r[q + 8] = _mm512_shuffle_f32x4(t[q], t[q + 8], 0xdd);
    r[q + 4] = _mm512_shuffle_f32x4(t[q + 4], t[q + 12], 0x88);
    r[q + 12] = _mm512_shuffle_f32x4(t[q + 4], t[q + 12], 0xdd);
  }
#pragma GCC unroll 16
  for (size_t q = 0; q < 16; ++q)
    if (q < cols) _mm512_mask_storeu_ps(dst + q * ldd, keep, r[q]);
}

// mr <= MR rows of A into a sliver zero-padded to MR rows: A(r, p) at [p*MR + r].
TS_AVX512 inline void pack_a(size_t mr, size_t kc, MatrixView<float> a, float* dst) {
  if (a.cs == 1) {
    for (size_t p = 0; p < kc; p += 16)
      transpose16(a.data + p, a.rs, mr, std::min<size_t>(16, kc - p), dst + p * MR, MR,
                  first(MR));
  } else if (a.rs == 1) {
    for (size_t p = 0; p < kc; ++p)
      _mm512_mask_storeu_ps(dst + p * MR, first(MR),
                            _mm512_maskz_loadu_ps(first(mr), a.data + p * a.cs));
  } else {
    for (size_t p = 0; p < kc; ++p)
      for (size_t r = 0; r < MR; ++r) dst[p * MR + r] = r < mr ? a.at(r, p) : 0.0f;
  }
}

// B panel (kc x nc) into slivers of NR columns: sliver s holds B(p, s*NR + j) at [p*NR + j],
// columns past nc as 0. A row-major B is read a row at a time across all the slivers: walked a
// sliver at a time it was read 128 bytes a row at the row stride, and for rows 4 KiB apart (n = 1024)
// every row fell into the same cache sets (the fc1 forward product [50,3136] x [3136,1024], where
// packing was a third of the time: one thread 95-105 -> 128-136 GFLOP/s, two 205-221 -> 259-278).
TS_AVX512 inline void pack_b(size_t kc, size_t nc, MatrixView<float> b, float* dst) {
  if (b.cs == 1) {
    for (size_t p = 0; p < kc; ++p) {
      const float* row = b.data + p * b.rs;
      for (size_t j = 0; j < nc; j += NR) {
        const size_t nr = std::min(NR, nc - j);
        float* d = dst + j * kc + p * NR;
        for (size_t h = 0; h < NR; h += 16)
          _mm512_store_ps(d + h, nr > h ? _mm512_maskz_loadu_ps(first(nr - h), row + j + h)
                                        : _mm512_setzero_ps());
      }
    }
    return;
  }
  for (size_t j = 0; j < nc; j += NR, dst += NR * kc) {
    const size_t nr = std::min(NR, nc - j);
    const MatrixView<float> s = b.offset(0, j);
    if (s.rs == 1) {  // column-major B (transposed): 16 x 16 blocks
      for (size_t h = 0; h < NR; h += 16)
        for (size_t p = 0; p < kc; p += 16)
          transpose16(s.data + (nr > h ? h * s.cs : 0) + p, s.cs, nr > h ? nr - h : 0,
                      std::min<size_t>(16, kc - p), dst + p * NR + h, NR, 0xffff);
    } else {
      for (size_t p = 0; p < kc; ++p)
        for (size_t c = 0; c < NR; ++c) dst[p * NR + c] = c < nr ? s.at(p, c) : 0.0f;
    }
  }
}

}  // namespace avx512
}  // namespace ts
#endif
