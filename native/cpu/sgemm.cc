// Packed float GEMM in the style of BLIS/GotoBLAS: B is packed into KC x NC panels (kept in L3),
// A into MC x KC blocks (kept in L2), and a 6 x 16 micro-kernel streams one 16-wide sliver of B
// from L1 against 6-row slivers of A, holding the 6 x 16 tile of C in 12 AVX registers.
// Zero-padding the packed edges lets the micro-kernel always run full-size. The same blocking runs
// the portable kernel, and sgemm_packed sends the AVX-512 variant to sgemm_avx512.cc.
#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "gemm.h"
#include "scratch.h"

#ifdef TS_AVX2
#include <immintrin.h>
#endif

namespace ts {
namespace {

constexpr size_t MR = kGemmMR, NR = kGemmNR;
// Measured on Zen3/Zen4 (see native/README.md): a deep KC amortises loading and storing the C
// tile; the KC x NR sliver of B (32 KiB) streams through L1, the MC x KC block of A (192 KiB) sits
// in L2 and the KC x NC panel of B (4 MiB per thread) in L3. KC = 256 or 384 measured 5-15% slower.
constexpr size_t KC = 512;
constexpr size_t MC = 96;
constexpr size_t NC = 2048;

// Packing buffers grow once per thread and are reused, because page-faulting a fresh 4 MiB
// buffer on every call costs more than a small product.
thread_local Scratch g_pack_a, g_pack_b;

// A block (mc x kc) into slivers of MR rows: sliver s holds A(s*MR + r, p) at [p*MR + r].
void pack_a(size_t mc, size_t kc, MatrixView<float> a, float* dst) {
  for (size_t i = 0; i < mc; i += MR, dst += MR * kc) {
    size_t mr = std::min(MR, mc - i);
    MatrixView<float> s = a.offset(i, 0);
    if (mr == MR && s.rs == 1) {  // transposed A: each column of the sliver is contiguous
      for (size_t p = 0; p < kc; ++p) std::memcpy(dst + p * MR, s.data + p * s.cs, MR * 4);
      continue;
    }
    if (mr == MR && s.cs == 1) {  // row-major A: six contiguous row streams
      for (size_t p = 0; p < kc; ++p)
        for (size_t r = 0; r < MR; ++r) dst[p * MR + r] = s.data[r * s.rs + p];
      continue;
    }
    for (size_t p = 0; p < kc; ++p)
      for (size_t r = 0; r < MR; ++r) dst[p * MR + r] = r < mr ? s.at(r, p) : 0.0f;
  }
}

// B panel (kc x nc) into slivers of NR columns: sliver s holds B(p, s*NR + j) at [p*NR + j].
void pack_b(size_t kc, size_t nc, MatrixView<float> b, float* dst) {
  for (size_t j = 0; j < nc; j += NR, dst += NR * kc) {
    size_t nr = std::min(NR, nc - j);
    MatrixView<float> s = b.offset(0, j);
    if (nr == NR && s.cs == 1) {
      for (size_t p = 0; p < kc; ++p) std::memcpy(dst + p * NR, s.data + p * s.rs, NR * 4);
      continue;
    }
    // Column-major source (transposed B): walk each column contiguously.
    for (size_t c = 0; c < NR; ++c)
      for (size_t p = 0; p < kc; ++p) dst[p * NR + c] = c < nr ? s.at(p, c) : 0.0f;
  }
}

#ifdef TS_AVX2
// c (ldc) = or += the 6 x 16 product of an A sliver and a B sliver over kc.
void micro_avx2(size_t kc, const float* __restrict a, const float* __restrict b, float* c,
                size_t ldc, bool accumulate) {
  __m256 c0a = _mm256_setzero_ps(), c0b = _mm256_setzero_ps();
  __m256 c1a = _mm256_setzero_ps(), c1b = _mm256_setzero_ps();
  __m256 c2a = _mm256_setzero_ps(), c2b = _mm256_setzero_ps();
  __m256 c3a = _mm256_setzero_ps(), c3b = _mm256_setzero_ps();
  __m256 c4a = _mm256_setzero_ps(), c4b = _mm256_setzero_ps();
  __m256 c5a = _mm256_setzero_ps(), c5b = _mm256_setzero_ps();
#pragma GCC unroll 4
  for (size_t p = 0; p < kc; ++p) {
    __m256 b0 = _mm256_load_ps(b), b1 = _mm256_load_ps(b + 8);
    __m256 t = _mm256_broadcast_ss(a);
    c0a = _mm256_fmadd_ps(t, b0, c0a), c0b = _mm256_fmadd_ps(t, b1, c0b);
    t = _mm256_broadcast_ss(a + 1);
    c1a = _mm256_fmadd_ps(t, b0, c1a), c1b = _mm256_fmadd_ps(t, b1, c1b);
    t = _mm256_broadcast_ss(a + 2);
    c2a = _mm256_fmadd_ps(t, b0, c2a), c2b = _mm256_fmadd_ps(t, b1, c2b);
    t = _mm256_broadcast_ss(a + 3);
    c3a = _mm256_fmadd_ps(t, b0, c3a), c3b = _mm256_fmadd_ps(t, b1, c3b);
    t = _mm256_broadcast_ss(a + 4);
    c4a = _mm256_fmadd_ps(t, b0, c4a), c4b = _mm256_fmadd_ps(t, b1, c4b);
    t = _mm256_broadcast_ss(a + 5);
    c5a = _mm256_fmadd_ps(t, b0, c5a), c5b = _mm256_fmadd_ps(t, b1, c5b);
    a += MR;
    b += NR;
  }
  const __m256 rows[MR][2] = {{c0a, c0b}, {c1a, c1b}, {c2a, c2b},
                              {c3a, c3b}, {c4a, c4b}, {c5a, c5b}};
  for (size_t r = 0; r < MR; ++r, c += ldc) {
    __m256 lo = rows[r][0], hi = rows[r][1];
    if (accumulate) {
      lo = _mm256_add_ps(lo, _mm256_loadu_ps(c));
      hi = _mm256_add_ps(hi, _mm256_loadu_ps(c + 8));
    }
    _mm256_storeu_ps(c, lo);
    _mm256_storeu_ps(c + 8, hi);
  }
}
#endif

// Portable version, written so the compiler can vectorise it for whatever SIMD the build targets.
// The tile is done in two 6 x 8 halves: 48 accumulators fit the 16 registers of SSE2, where a
// whole 6 x 16 tile would spill on every step.
void micro_portable(size_t kc, const float* __restrict a, const float* __restrict b, float* c,
                    size_t ldc, bool accumulate) {
  constexpr size_t kHalf = NR / 2;
  for (size_t h = 0; h < NR; h += kHalf) {
    float acc[MR][kHalf] = {};
    const float* ap = a;
    const float* bp = b + h;
    for (size_t p = 0; p < kc; ++p, ap += MR, bp += NR)
      for (size_t r = 0; r < MR; ++r)
        for (size_t j = 0; j < kHalf; ++j) acc[r][j] += ap[r] * bp[j];
    for (size_t r = 0; r < MR; ++r)
      for (size_t j = 0; j < kHalf; ++j)
        c[r * ldc + h + j] = accumulate ? c[r * ldc + h + j] + acc[r][j] : acc[r][j];
  }
}

using MicroKernel = void (*)(size_t kc, const float* a, const float* b, float* c, size_t ldc,
                             bool accumulate);

// Edge tiles go through a full-size scratch tile, then only the valid part is written.
template <MicroKernel micro_kernel>
void edge_kernel(size_t kc, const float* a, const float* b, float* c, size_t ldc, size_t mr,
                 size_t nr, bool accumulate) {
  alignas(32) float tile[MR * NR];
  micro_kernel(kc, a, b, tile, NR, false);
  for (size_t r = 0; r < mr; ++r)
    for (size_t j = 0; j < nr; ++j)
      c[r * ldc + j] = accumulate ? c[r * ldc + j] + tile[r * NR + j] : tile[r * NR + j];
}

template <MicroKernel micro_kernel>
void macro_kernel(size_t mc, size_t nc, size_t kc, const float* pa, const float* pb, float* c,
                  size_t ldc, bool accumulate) {
  for (size_t j = 0; j < nc; j += NR) {
    size_t nr = std::min(NR, nc - j);
    const float* b = pb + j * kc;
    for (size_t i = 0; i < mc; i += MR) {
      size_t mr = std::min(MR, mc - i);
      const float* a = pa + i * kc;
      float* ct = c + i * ldc + j;
      if (mr == MR && nr == NR) micro_kernel(kc, a, b, ct, ldc, accumulate);
      else edge_kernel<micro_kernel>(kc, a, b, ct, ldc, mr, nr, accumulate);
    }
  }
}

template <MicroKernel micro_kernel>
bool blocked(size_t m, size_t n, size_t k, MatrixView<float> a, MatrixView<float> b, float* c,
             size_t ldc) {
  float* pa = g_pack_a.get(MC * KC);
  float* pb = g_pack_b.get(KC * ((std::min(NC, n) + NR - 1) / NR * NR));
  if (!pa || !pb) return false;
  for (size_t jc = 0; jc < n; jc += NC) {
    size_t nc = std::min(NC, n - jc);
    for (size_t pc = 0; pc < k; pc += KC) {
      size_t kc = std::min(KC, k - pc);
      pack_b(kc, nc, b.offset(pc, jc), pb);
      for (size_t ic = 0; ic < m; ic += MC) {
        size_t mc = std::min(MC, m - ic);
        pack_a(mc, kc, a.offset(ic, pc), pa);
        macro_kernel<micro_kernel>(mc, nc, kc, pa, pb, c + ic * ldc + jc, ldc, pc > 0);
      }
    }
  }
  return true;
}

}  // namespace

bool sgemm_packed(size_t m, size_t n, size_t k, MatrixView<float> a, MatrixView<float> b,
                  float* c, size_t ldc) {
  switch (gemm_kernel()) {
#if defined(__x86_64__)
    case GemmKernel::Avx512: return sgemm_packed_avx512(m, n, k, a, b, c, ldc);
#endif
#ifdef TS_AVX2
    case GemmKernel::Avx2: return blocked<micro_avx2>(m, n, k, a, b, c, ldc);
#endif
    default: return blocked<micro_portable>(m, n, k, a, b, c, ldc);
  }
}

}  // namespace ts
