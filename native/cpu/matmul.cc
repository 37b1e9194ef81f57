// Matrix products: shape dispatch and threading. Float products of any real size go to the packed
// kernel (sgemm.cc); tiny or skinny ones, and all int32 ones, use direct loops in one of two forms
// chosen so the innermost loop runs over contiguous memory.
#include <algorithm>
#include <cstring>
#include <type_traits>
#include <vector>

#include "../kernels.h"
#include "gemm.h"
#include "pool_os.h"
#include "thread_pool.h"

namespace ts {
namespace {

// m*n*k below which one thread does everything. Measured on the shared 2-vCPU VM with the pool of
// thread_pool.cc: two threads ran n = 128 at 0.85x one thread (155 vs 186 GFLOP/s, p50) and n = 160
// to 192 no faster, with a worse p90 whenever other processes held the second core; from n = 256 a
// free second core gives ~1.7x. (The old 64^3 threshold split n = 128 in two.)
constexpr size_t kParallelWork = size_t{160} * 160 * 160;
// The same for the AVX-512 kernel, whose pieces are one tile (see sgemm). Measured with a fresh
// output each call, two builds alternated in one process, us a call, before (160^3, pieces of 64
// columns or more) -> after: 128 23.3 -> 17.8 and 144 35.7 -> 27.5 (one thread before), 192 55.0
// -> 43.9 and 224 104 -> 73 (three pieces before), 256 unchanged; 112 on two threads 17.6 -> 19.0,
// so it stays on one.
constexpr size_t kParallelWorkAvx512 = size_t{120} * 120 * 120;
// The same for the direct loops (skinny and int32 products), which do several times less per
// multiply-add and so pay for a wake-up sooner.
constexpr size_t kDirectParallelWork = size_t{64} * 64 * 64;
// Pieces per thread in a threaded product: a worker that wakes late, or loses its core, holds at
// most one small piece, and the caller takes the rest.
constexpr size_t kPiecesPerThread = 4;
// m*n*k from which the AVX-512 threads share B's panels rather than take slabs. Measured, p50 of
// eager calls, alternating processes: n = 256 slabs 282-339 vs shared 213-224 GFLOP/s, 512 299-343
// vs 275-282, 768 327-344 vs 304-328; 1024 277-282 vs 292-309, 1536 307-332 vs 330-352, 2000
// 309-318 vs 316-322, and 2048 (mean over calls) 308-318 vs 342-354. Slabs keep their B slab hot
// in their own core's L2; sharing wins once a slab's copy of A costs more, above all where A is
// packed (rows 4 KiB apart: 1024, 2048). TENSORSHELL_GEMM_SHARED_MIN lowers it (tests: 0).
constexpr size_t kSharedPanelWork = size_t{1000} * 1000 * 1000;
// Below this, packing costs more than it saves (measured: direct loops win up to about 8^3,
// the packed kernel from about 12^3).
constexpr size_t kTinyWork = size_t{10} * 10 * 10;

template <typename T>
inline T mul_add(T c, T a, T b) {
  if constexpr (std::is_same<T, float>::value) return c + a * b;
  else return (T)((uint32_t)c + (uint32_t)a * (uint32_t)b);  // int32 wraps
}

template <typename T>
T dot(const T* x, const T* y, size_t k) {
  if constexpr (std::is_same<T, float>::value) {
    float s = 0.0f;
#pragma omp simd reduction(+ : s)
    for (size_t p = 0; p < k; ++p) s += x[p] * y[p];
    return s;
  } else {
    uint32_t s = 0;
#pragma omp simd reduction(+ : s)
    for (size_t p = 0; p < k; ++p) s += (uint32_t)x[p] * (uint32_t)y[p];
    return (T)s;
  }
}

// C[i0:i1, j0:j1] = A B with plain loops. When B is stored column-major (transposed, or n == 1)
// each output is a dot product of two contiguous runs; otherwise rows of B are added into a row
// of C (axpy form), which also vectorises.
template <typename T>
void gemm_direct(size_t k, MatrixView<T> a, MatrixView<T> b, T* c, size_t ldc, size_t i0,
                 size_t i1, size_t j0, size_t j1) {
  bool dot_form = b.rs == 1 && (b.cs != 1 || k > 1);
  if (dot_form) {
    thread_local std::vector<T> row;
    for (size_t i = i0; i < i1; ++i) {
      const T* ar = &a.at(i, 0);
      if (a.cs != 1 && k > 1) {
        row.resize(k);
        for (size_t p = 0; p < k; ++p) row[p] = a.at(i, p);
        ar = row.data();
      }
      for (size_t j = j0; j < j1; ++j) c[i * ldc + j] = dot(ar, &b.at(0, j), k);
    }
    return;
  }
  // Here b.cs == 1: rows of B are contiguous.
  for (size_t i = i0; i < i1; ++i) {
    T* cr = c + i * ldc;
    std::fill(cr + j0, cr + j1, T(0));
    for (size_t p = 0; p < k; ++p) {
      const T aip = a.at(i, p);
      const T* br = &b.at(p, 0);
      for (size_t j = j0; j < j1; ++j) cr[j] = mul_add(cr[j], aip, br[j]);
    }
  }
}

template <typename T>
void direct_parallel(size_t m, size_t n, size_t k, MatrixView<T> a, MatrixView<T> b, T* c) {
  if (m * n * k < kDirectParallelWork) return gemm_direct(k, a, b, c, n, 0, m, 0, n);
  if (m >= n) {
    parallel_for(m, 1, 1, [&](size_t i0, size_t i1) { gemm_direct(k, a, b, c, n, i0, i1, 0, n); });
  } else {
    parallel_for(n, 16, 16, [&](size_t j0, size_t j1) { gemm_direct(k, a, b, c, n, 0, m, j0, j1); });
  }
}

// Threads take disjoint slabs of C along its longer side, each running the whole blocked algorithm
// on its slab with its own packing buffers, except for a large product on the AVX-512 kernel,
// where they share each packed panel of B (sgemm_parallel_avx512: B packed once, A read once per
// panel column).
void sgemm(size_t m, size_t n, size_t k, MatrixView<float> a, MatrixView<float> b, float* c) {
  size_t work = m * n * k;
  if (work < kTinyWork || m < 4 || n < 4) return direct_parallel(m, n, k, a, b, c);
  auto slab = [&](size_t i0, size_t i1, size_t j0, size_t j1) {
    if (!sgemm_packed(i1 - i0, j1 - j0, k, a.offset(i0, 0), b.offset(0, j0), c + i0 * n + j0, n))
      gemm_direct(k, a, b, c, n, i0, i1, j0, j1);
  };
  const bool avx512 = gemm_kernel() == GemmKernel::Avx512;
  if (work < (avx512 ? kParallelWorkAvx512 : kParallelWork)) return slab(0, m, 0, n);
#if defined(__x86_64__)
  static const size_t shared_min = (size_t)pool_os::env_int(
      "TENSORSHELL_GEMM_SHARED_MIN", (int)kSharedPanelWork, 0, (int)kSharedPanelWork);
  if (work >= shared_min && avx512 && sgemm_parallel_avx512(m, n, k, a, b, c, n)) return;
#endif
  const size_t pieces = kPiecesPerThread * (size_t)thread_count();
  // Pieces are cut on the tiles of the kernel in use, at least 4 tiles wide (64 columns or 24
  // rows), as every piece packs its own copy of A; on AVX-512, which reads a row-major A in place,
  // one tile (32 columns or 14 rows), so that n = 120 to 255 makes 4 to 8 pieces, not 1 to 3. Any
  // cut gives the same bits: every element of C is summed over k in the same order.
  const size_t tiles = avx512 ? 1 : 4;
  if (n >= m) {
    parallel_for(n, tiles * gemm_nr(), gemm_nr(), [&](size_t j0, size_t j1) { slab(0, m, j0, j1); }, pieces);
  } else {
    parallel_for(m, tiles * gemm_mr(), gemm_mr(), [&](size_t i0, size_t i1) { slab(i0, i1, 0, n); }, pieces);
  }
}

// Views of the stored operands as logical A[m,k] and B[k,n].
template <typename T>
MatrixView<T> view_a(const Array& a, size_t m, size_t k, bool trans) {
  return trans ? MatrixView<T>{a.as<T>(), 1, m} : MatrixView<T>{a.as<T>(), k, 1};
}
template <typename T>
MatrixView<T> view_b(const Array& b, size_t n, size_t k, bool trans) {
  return trans ? MatrixView<T>{b.as<T>(), 1, k} : MatrixView<T>{b.as<T>(), n, 1};
}

}  // namespace

void matmul(const Array& a, const Array& b, const Array& out, size_t m, size_t n, size_t k,
            bool trans_a, bool trans_b) {
  if (m == 0 || n == 0) return;
  if (k == 0) {
    std::memset(out.data, 0, m * n * dtype_size(out.dtype));
    return;
  }
  if (a.dtype == DType::F32) {
    sgemm(m, n, k, view_a<float>(a, m, k, trans_a), view_b<float>(b, n, k, trans_b),
          out.as<float>());
  } else if (a.dtype == DType::I32) {
    direct_parallel(m, n, k, view_a<int32_t>(a, m, k, trans_a), view_b<int32_t>(b, n, k, trans_b),
                    out.as<int32_t>());
  }
}

}  // namespace ts
