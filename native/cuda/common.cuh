// Shared plumbing for the CUDA kernels: error propagation, the per-call session (device selection,
// locking, cached device buffers) and launch shapes.
#pragma once
#include <cuda_runtime.h>

#include <mutex>

#include "../kernels.h"
#include "../scalar_ops.h"
#include "kernels_cuda.h"

namespace ts {
namespace cuda {

// CUDA errors become the message the binding throws; nothing here aborts.
#define TS_CUDA_TRY(expr)                                       \
  do {                                                          \
    cudaError_t ts_err_ = (expr);                               \
    if (ts_err_ != cudaSuccess) return cudaGetErrorString(ts_err_); \
  } while (0)

#define TS_TRY(expr)                           \
  do {                                         \
    if (const char* ts_msg_ = (expr)) return ts_msg_; \
  } while (0)

// Device buffers are cached per device and slot and only ever grow, so repeated calls of similar
// size do no cudaMalloc at all.
constexpr int kSlots = 4;

// One GPU call: holds the global GPU lock (calls from several JS threads are serialised), makes
// the selected device current, and moves data in and out of the cached buffers.
class Session {
 public:
  Session();
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // Must be called first; fails when there is no usable device.
  const char* begin();
  const char* buffer(int slot, size_t bytes, void** dev);
  const char* upload(int slot, const void* host, size_t bytes, void** dev);
  // Checks the launches that preceded it, then copies the result back (which waits for them).
  const char* download(void* host, const void* dev, size_t bytes);

 private:
  std::unique_lock<std::mutex> lock_;
  int device_ = 0;
};

constexpr int kBlock = 256;

// Grid-stride loops take over past this many blocks, which keeps 64-bit sizes safe.
inline unsigned grid_for(size_t n) {
  size_t blocks = (n + kBlock - 1) / kBlock;
  return (unsigned)(blocks < 1 ? 1 : blocks > (1u << 20) ? (1u << 20) : blocks);
}

__device__ __forceinline__ size_t global_index() {
  return (size_t)blockIdx.x * blockDim.x + threadIdx.x;
}
__device__ __forceinline__ size_t global_stride() { return (size_t)gridDim.x * blockDim.x; }

inline size_t bytes_of(const Array& a) { return a.length * dtype_size(a.dtype); }

}  // namespace cuda
}  // namespace ts
