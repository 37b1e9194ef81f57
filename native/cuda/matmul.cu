// A plain shared-memory tiled GEMM: each 32 x 8 thread block computes a 32 x 32 tile of C, four
// outputs per thread. Tiles are loaded along whichever axis is contiguous in memory, so
// transposed operands are read coalesced too. Int32 accumulates with wrapping, like the CPU.
#include "common.cuh"

namespace ts {
namespace cuda {
namespace {

constexpr int kTile = 32;
constexpr int kRowsPerThread = 4;  // kTile / blockDim.y

struct View {
  size_t rs, cs;  // element (i, j) at i * rs + j * cs
};

template <typename T>
__device__ __forceinline__ T mul_add(T c, T a, T b) {
  if constexpr (std::is_same<T, float>::value) return fmaf(a, b, c);
  else return (T)((uint32_t)c + (uint32_t)a * (uint32_t)b);
}

// tile[r][c] = M(i0 + r, j0 + c), zero outside rows x cols. Threads step along the contiguous
// axis of M so each warp reads one run of memory.
template <typename T>
__device__ void load_tile(T (*tile)[kTile + 1], const T* m, View v, size_t rows, size_t cols,
                          size_t i0, size_t j0) {
  int tx = threadIdx.x, ty = threadIdx.y;
  bool rows_contiguous = v.cs == 1;
  for (int r = ty; r < kTile; r += blockDim.y) {
    int a = rows_contiguous ? r : tx, b = rows_contiguous ? tx : r;
    size_t i = i0 + a, j = j0 + b;
    tile[a][b] = (i < rows && j < cols) ? m[i * v.rs + j * v.cs] : T(0);
  }
}

template <typename T>
__global__ void gemm_kernel(const T* a, View va, const T* b, View vb, T* c, size_t m, size_t n,
                            size_t k) {
  __shared__ T as[kTile][kTile + 1];
  __shared__ T bs[kTile][kTile + 1];
  size_t tiles_m = (m + kTile - 1) / kTile;
  size_t col = (size_t)blockIdx.x * kTile + threadIdx.x;
  for (size_t tm = blockIdx.y; tm < tiles_m; tm += gridDim.y) {
    size_t row0 = tm * kTile;
    T acc[kRowsPerThread] = {};
    for (size_t p0 = 0; p0 < k; p0 += kTile) {
      load_tile(as, a, va, m, k, row0, p0);
      load_tile(bs, b, vb, k, n, p0, (size_t)blockIdx.x * kTile);
      __syncthreads();
#pragma unroll 8
      for (int p = 0; p < kTile; ++p) {
        T bv = bs[p][threadIdx.x];
        for (int r = 0; r < kRowsPerThread; ++r)
          acc[r] = mul_add(acc[r], as[threadIdx.y + r * blockDim.y][p], bv);
      }
      __syncthreads();
    }
    for (int r = 0; r < kRowsPerThread; ++r) {
      size_t i = row0 + threadIdx.y + r * blockDim.y;
      if (i < m && col < n) c[i * n + col] = acc[r];
    }
  }
}

}  // namespace

const char* matmul(const Array& a, const Array& b, const Array& out, size_t m, size_t n, size_t k,
                   bool trans_a, bool trans_b) {
  Session session;
  TS_TRY(session.begin());
  if (out.length == 0) return nullptr;
  void *da, *db, *dc;
  TS_TRY(session.upload(0, a.data, bytes_of(a), &da));
  TS_TRY(session.upload(1, b.data, bytes_of(b), &db));
  TS_TRY(session.buffer(2, bytes_of(out), &dc));
  if (k == 0) {
    TS_CUDA_TRY(cudaMemset(dc, 0, bytes_of(out)));
    return session.download(out.data, dc, bytes_of(out));
  }
  View va = trans_a ? View{1, m} : View{k, 1};
  View vb = trans_b ? View{1, k} : View{n, 1};
  size_t tiles_m = (m + kTile - 1) / kTile, tiles_n = (n + kTile - 1) / kTile;
  if (tiles_n > 0x7fffffff) return "matmul: n is too large for the GPU grid";
  dim3 grid((unsigned)tiles_n, (unsigned)(tiles_m < 65535 ? tiles_m : 65535));
  dim3 block(kTile, kTile / kRowsPerThread);
  if (a.dtype == DType::F32)
    gemm_kernel<<<grid, block>>>((const float*)da, va, (const float*)db, vb, (float*)dc, m, n, k);
  else
    gemm_kernel<<<grid, block>>>((const int32_t*)da, va, (const int32_t*)db, vb, (int32_t*)dc, m,
                                 n, k);
  return session.download(out.data, dc, bytes_of(out));
}

}  // namespace cuda
}  // namespace ts
