// Internal interface between matmul.cc (shape dispatch, threading, small and int32 products) and
// sgemm.cc (the packed, cache-blocked float kernel, in the variant chosen at load: build_info.cc).
#pragma once
#include <cstddef>

namespace ts {

// A read-only strided matrix: element (i, j) is data[i * rs + j * cs]. Transposed operands are
// just views with the strides swapped, so no kernel needs a transpose flag.
template <typename T>
struct MatrixView {
  const T* data;
  size_t rs, cs;
  const T& at(size_t i, size_t j) const { return data[i * rs + j * cs]; }
  MatrixView offset(size_t i, size_t j) const { return {data + i * rs + j * cs, rs, cs}; }
};

// The GEMM variants, narrowest first.
enum class GemmKernel { Portable, Avx2, Avx512 };
// The variant every sgemm_packed call uses, chosen once (build_info.cc).
GemmKernel gemm_kernel();

// The micro-tile of each variant; callers split work on tile boundaries of gemm_mr() x gemm_nr().
constexpr size_t kGemmMR = 6, kGemmNR = 16;  // portable and AVX2 (sgemm.cc)
constexpr size_t kAvx512MR = 14, kAvx512NR = 32;  // sgemm_avx512.cc
inline size_t gemm_mr() { return gemm_kernel() == GemmKernel::Avx512 ? kAvx512MR : kGemmMR; }
inline size_t gemm_nr() { return gemm_kernel() == GemmKernel::Avx512 ? kAvx512NR : kGemmNR; }

// C = A B for an m x n block of C with row stride ldc, on the calling thread only. k >= 1.
// Returns false, having written nothing, if the packing buffers cannot be allocated.
bool sgemm_packed(size_t m, size_t n, size_t k, MatrixView<float> a, MatrixView<float> b,
                  float* c, size_t ldc);
#if defined(__x86_64__)
// The same with the AVX-512 kernel; only for a CPU with AVX-512 F/BW/VL/DQ.
bool sgemm_packed_avx512(size_t m, size_t n, size_t k, MatrixView<float> a, MatrixView<float> b,
                         float* c, size_t ldc);
// The same on the thread pool, the threads sharing each packed panel of B (so B is packed once and
// A read once per panel column, not once per thread's slab), for products long enough (matmul.cc's
// kSharedPanelWork) that the pool treats every panel's region as long. False, having written
// nothing, when the panel buffer cannot be allocated or A has neither unit stride.
bool sgemm_parallel_avx512(size_t m, size_t n, size_t k, MatrixView<float> a, MatrixView<float> b,
                           float* c, size_t ldc);
#endif

}  // namespace ts
