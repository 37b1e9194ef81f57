// The AVX-512 float GEMM, which sgemm_packed runs when the CPU has AVX-512 F/BW/VL/DQ (see
// build_info.cc). A 14 x 32 micro-kernel holds the C tile in 28 zmm registers, leaving one for the
// broadcast A value and two for the B row. B is packed into KC x NC panels of 32-column slivers as
// in sgemm.cc, but A is read where it lies, MR rows at a time, when it is row- or column-major:
// within noise of packing it for large squares, 1.1-1.2x faster for the convs' GEMMs. Only the last
// m % MR rows, and A of other strides, are packed. Edge tiles are written through masks. Every
// function carries the AVX-512 target attribute, so the file builds into any x86-64 addon whatever
// the global flags; elsewhere it compiles to nothing.
#if defined(__x86_64__)
// GCC 12.2 warns falsely about the _mm512_undefined_ps() these intrinsics pass through.
#pragma GCC diagnostic push
#ifndef __clang__
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <immintrin.h>
#pragma GCC diagnostic pop

#include <algorithm>
#include <array>
#include <cstdlib>
#include <utility>

#include "gemm.h"

#define TS_AVX512 __attribute__((target("avx512f,avx512bw,avx512vl,avx512dq,fma")))

namespace ts {
namespace {

constexpr size_t MR = kAvx512MR, NR = kAvx512NR, NV = NR / 16;
// Measured on Zen 5 (see native/README.md): the MR x KC tile of A (21 KiB) stays in L1 while the
// KC x NC panel of B (768 KiB) streams from L2. KC 256 and 512, NC 256 to 2048 measured the same
// within the noise of the shared VM.
constexpr size_t KC = 384;
constexpr size_t NC = 512;

struct PackBuffer {
  float* data = nullptr;
  size_t capacity = 0;
  float* get(size_t floats) {
    if (floats > capacity) {
      std::free(data);
      data = static_cast<float*>(std::aligned_alloc(64, (floats * sizeof(float) + 63) / 64 * 64));
      capacity = data ? floats : 0;
    }
    return data;
  }
  ~PackBuffer() { std::free(data); }
};

thread_local PackBuffer g_pack_a, g_pack_b;

TS_AVX512 inline __mmask16 first(size_t lanes) {
  return (__mmask16)(lanes >= 16 ? 0xffff : (1u << lanes) - 1);
}

// dst[q * ldd + r] = src[r * ld + q] for q < cols, r < 16, with src rows r >= rows read as 0;
// only the lanes in `keep` of each dst row are written.
TS_AVX512 void transpose16(const float* src, size_t ld, size_t rows, size_t cols, float* dst,
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
TS_AVX512 void pack_a(size_t mr, size_t kc, MatrixView<float> a, float* dst) {
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
// columns past nc as 0.
TS_AVX512 void pack_b(size_t kc, size_t nc, MatrixView<float> b, float* dst) {
  for (size_t j = 0; j < nc; j += NR, dst += NR * kc) {
    const size_t nr = std::min(NR, nc - j);
    const MatrixView<float> s = b.offset(0, j);
    if (s.cs == 1) {
      for (size_t p = 0; p < kc; ++p)
        for (size_t h = 0; h < NR; h += 16) {
          const float* src = s.data + p * s.rs + h;
          _mm512_store_ps(dst + p * NR + h,
                          nr > h ? _mm512_maskz_loadu_ps(first(nr - h), src) : _mm512_setzero_ps());
        }
    } else if (s.rs == 1) {  // column-major B (transposed): 16 x 16 blocks
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

// The top-left R x nr of c (ldc) = or += the product of R <= MR rows of A and a sliver of B over kc,
// where A(r, p) is a[r * lda + p] (RowMajor) or a[p * lda + r] (column-major, or a packed sliver:
// lda = MR), and B(p, j) is b[p * NR + j] (PackedB: a packed sliver, aligned and zero-padded) or
// b[p * ldb + j] read in place, the columns past nr masked off. Only R rows are computed, so a
// remainder of m % MR rows costs its own rows only.
template <size_t R, bool RowMajor, bool PackedB>
TS_AVX512 void micro_kernel(size_t kc, const float* a, size_t lda, const float* __restrict b,
                            size_t ldb, float* c, size_t ldc, size_t nr, bool accumulate) {
  __m512 acc[R][NV];
#pragma GCC unroll 16
  for (size_t r = 0; r < R; ++r)
    for (size_t v = 0; v < NV; ++v) acc[r][v] = _mm512_setzero_ps();
  __mmask16 keep[NV];
  for (size_t v = 0; v < NV; ++v) keep[v] = nr > 16 * v ? first(nr - 16 * v) : 0;
#pragma GCC unroll 2
  for (size_t p = 0; p < kc; ++p, a += RowMajor ? 1 : lda, b += PackedB ? NR : ldb) {
    __m512 bv[NV];
    for (size_t v = 0; v < NV; ++v)
      bv[v] = PackedB ? _mm512_load_ps(b + 16 * v) : _mm512_maskz_loadu_ps(keep[v], b + 16 * v);
#pragma GCC unroll 16
    for (size_t r = 0; r < R; ++r) {
      const __m512 t = _mm512_set1_ps(a[RowMajor ? r * lda : r]);
      for (size_t v = 0; v < NV; ++v) acc[r][v] = _mm512_fmadd_ps(t, bv[v], acc[r][v]);
    }
  }
#pragma GCC unroll 16
  for (size_t r = 0; r < R; ++r) {
    for (size_t v = 0; v < NV; ++v) {
      float* cp = c + r * ldc + 16 * v;
      if (nr == NR) {
        const __m512 x = accumulate ? _mm512_add_ps(acc[r][v], _mm512_loadu_ps(cp)) : acc[r][v];
        _mm512_storeu_ps(cp, x);
      } else {
        const __m512 x =
            accumulate ? _mm512_add_ps(acc[r][v], _mm512_maskz_loadu_ps(keep[v], cp)) : acc[r][v];
        _mm512_mask_storeu_ps(cp, keep[v], x);
      }
    }
  }
}

using Kernel = void (*)(size_t kc, const float* a, size_t lda, const float* b, size_t ldb, float* c,
                        size_t ldc, size_t nr, bool accumulate);

// kernels<RowMajor, PackedB>[R] runs R rows (R = 1..MR).
template <bool RowMajor, bool PackedB, size_t... R>
constexpr std::array<Kernel, MR + 1> table(std::index_sequence<R...>) {
  return {{nullptr, &micro_kernel<R + 1, RowMajor, PackedB>...}};
}
template <bool RowMajor, bool PackedB>
constexpr std::array<Kernel, MR + 1> kernels = table<RowMajor, PackedB>(std::make_index_sequence<MR>());

// B is read in place, unpacked, when it is row-major and the whole k x n of it is at most this
// many floats (it then stays in L1/L2 across the row tiles, and packing it would cost as much as
// the product saves; measured: n = 64 and 128).
constexpr size_t kInPlaceB = 128 * 128;

}  // namespace

// As sgemm_packed. k is cut into equal KC blocks (multiples of 16 but the last), so no block is a
// short tail.
TS_AVX512 bool sgemm_packed_avx512(size_t m, size_t n, size_t k, MatrixView<float> a,
                                   MatrixView<float> b, float* c, size_t ldc) {
  const size_t blocks = (k + KC - 1) / KC;
  const size_t kstep = std::min(KC, ((k + blocks - 1) / blocks + 15) / 16 * 16);
  // A is read in place when row- or column-major, else packed a sliver at a time; so is a
  // row-major A whose row stride is a multiple of 4 KiB (k = 1024, 2048, ...): the MR rows of a
  // sliver then fall into one set of the 12-way L1, and every step's loads miss. Packing it pays
  // for itself once the sliver is reused across 4 or more slivers of B.
  const bool aliased = a.cs == 1 && a.rs % 1024 == 0 && n >= 4 * NR;
  const bool rows = a.cs == 1 && !aliased, cols = a.cs != 1 && a.rs == 1;
  const bool pack_b_panels = !(b.cs == 1 && k * n <= kInPlaceB);
  float* pa = rows || cols ? nullptr : g_pack_a.get(MR * kstep);
  float* pb = pack_b_panels ? g_pack_b.get(kstep * ((std::min(NC, n) + NR - 1) / NR * NR)) : nullptr;
  if ((!rows && !cols && !pa) || (pack_b_panels && !pb)) return false;
  for (size_t jc = 0; jc < n; jc += NC) {
    const size_t nc = std::min(NC, n - jc);
    for (size_t pc = 0; pc < k; pc += kstep) {
      const size_t kc = std::min(kstep, k - pc);
      if (pack_b_panels) pack_b(kc, nc, b.offset(pc, jc), pb);
      for (size_t i = 0; i < m; i += MR) {
        const size_t mr = std::min(MR, m - i);
        if (!rows && !cols) pack_a(mr, kc, a.offset(i, pc), pa);
        const float* ap = rows || cols ? &a.at(i, pc) : pa;
        const size_t lda = rows ? a.rs : cols ? a.cs : MR;
        for (size_t j = 0; j < nc; j += NR) {
          float* ct = c + i * ldc + jc + j;
          const size_t nr = std::min(NR, nc - j);
          if (pack_b_panels) {
            const float* bp = pb + j * kc;
            if (rows) kernels<true, true>[mr](kc, ap, lda, bp, NR, ct, ldc, nr, pc > 0);
            else kernels<false, true>[mr](kc, ap, lda, bp, NR, ct, ldc, nr, pc > 0);
          } else {
            const float* bp = &b.at(pc, jc + j);
            if (rows) kernels<true, false>[mr](kc, ap, lda, bp, b.rs, ct, ldc, nr, pc > 0);
            else kernels<false, false>[mr](kc, ap, lda, bp, b.rs, ct, ldc, nr, pc > 0);
          }
        }
      }
    }
  }
  return true;
}

}  // namespace ts
#endif
