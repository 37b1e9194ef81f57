// Internal interface between matmul.cc (shape dispatch, threading, small and int32 products) and
// sgemm.cc (the packed, cache-blocked float kernel).
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

// The micro-tile, shared with matmul.cc so it can split work on tile boundaries.
constexpr size_t kGemmMR = 6;
constexpr size_t kGemmNR = 16;

// C = A B for an m x n block of C with row stride ldc, on the calling thread only. k >= 1.
// Returns false, having written nothing, if the packing buffers cannot be allocated.
bool sgemm_packed(size_t m, size_t n, size_t k, MatrixView<float> a, MatrixView<float> b,
                  float* c, size_t ldc);

}  // namespace ts
