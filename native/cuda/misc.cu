// Transpose and random numbers on the GPU.
#include "../philox.h"
#include "common.cuh"

namespace ts {
namespace cuda {
namespace {

// Output axis d has size shape[d] and steps the input by in_stride[d].
struct Permuted {
  int rank;
  int64_t shape[kMaxRank];
  int64_t in_stride[kMaxRank];
};

template <typename T>
__global__ void transpose_kernel(const T* x, T* out, size_t n, Permuted p) {
  for (size_t i = global_index(); i < n; i += global_stride()) {
    size_t rest = i;
    int64_t src = 0;
    for (int d = p.rank - 1; d >= 0; --d) {
      src += (int64_t)(rest % (size_t)p.shape[d]) * p.in_stride[d];
      rest /= (size_t)p.shape[d];
    }
    out[i] = x[src];
  }
}

__global__ void random_kernel(RandomKind kind, float* out, size_t n, uint32_t seed,
                              uint32_t stream, uint64_t counter) {
  size_t blocks = (n + 3) / 4;
  for (size_t i = global_index(); i < blocks; i += global_stride()) {
    float v[4];
    philox_floats(kind, counter + i, seed, stream, v);
    for (size_t j = 0; j < 4 && i * 4 + j < n; ++j) out[i * 4 + j] = v[j];
  }
}

}  // namespace

const char* transpose(const Array& x, const Array& out, int rank, const int64_t* shape,
                      const int* perm) {
  Session session;
  TS_TRY(session.begin());
  if (x.length == 0) return nullptr;
  int64_t stride[kMaxRank];
  for (int64_t d = rank - 1, s = 1; d >= 0; --d) {
    stride[d] = s;
    s *= shape[d];
  }
  Permuted p{rank, {}, {}};
  for (int d = 0; d < rank; ++d) {
    p.shape[d] = shape[perm[d]];
    p.in_stride[d] = stride[perm[d]];
  }
  void *dx, *dout;
  TS_TRY(session.upload(0, x.data, bytes_of(x), &dx));
  TS_TRY(session.buffer(1, bytes_of(out), &dout));
  if (x.dtype == DType::Bool)
    transpose_kernel<<<grid_for(x.length), kBlock>>>((const uint8_t*)dx, (uint8_t*)dout, x.length, p);
  else
    transpose_kernel<<<grid_for(x.length), kBlock>>>((const uint32_t*)dx, (uint32_t*)dout, x.length, p);
  return session.download(out.data, dout, bytes_of(out));
}

const char* random(RandomKind kind, float* out, size_t n, uint32_t seed, uint32_t stream,
                   uint64_t counter) {
  Session session;
  TS_TRY(session.begin());
  if (n == 0) return nullptr;
  void* dout;
  TS_TRY(session.buffer(0, n * sizeof(float), &dout));
  random_kernel<<<grid_for((n + 3) / 4), kBlock>>>(kind, (float*)dout, n, seed, stream, counter);
  return session.download(out, dout, n * sizeof(float));
}

}  // namespace cuda
}  // namespace ts
