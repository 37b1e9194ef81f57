// Reductions on the GPU. A contiguous row (inner == 1) gets a whole block and a shared-memory
// tree; otherwise each output column gets one thread walking mid, which keeps reads coalesced
// across neighbouring columns. Float sums and products accumulate in double, like the CPU.
#include <cfloat>
#include <climits>

#include "common.cuh"

namespace ts {
namespace cuda {
namespace {

template <ReduceOp op, typename T>
struct Reducer {
  static constexpr bool kFloat = std::is_same<T, float>::value;
  static constexpr bool kArith = op == ReduceOp::Sum || op == ReduceOp::Prod;
  using Acc = std::conditional_t<kArith, std::conditional_t<kFloat, double, uint32_t>, T>;

  __device__ static Acc identity() {
    if constexpr (op == ReduceOp::Sum) return Acc(0);
    if constexpr (op == ReduceOp::Prod) return Acc(1);
    if constexpr (op == ReduceOp::Max) {
      if constexpr (kFloat) return -INFINITY;
      else return INT_MIN;
    }
    if constexpr (op == ReduceOp::Min) {
      if constexpr (kFloat) return INFINITY;
      else return INT_MAX;
    }
  }
  __device__ static Acc combine(Acc a, Acc b) {
    if constexpr (op == ReduceOp::Sum) return a + b;
    if constexpr (op == ReduceOp::Prod) return a * b;
    if constexpr (op == ReduceOp::Max) return max_nan(a, b);
    if constexpr (op == ReduceOp::Min) return min_nan(a, b);
  }
};

template <typename R, typename T>
__global__ void reduce_rows(const T* x, T* out, size_t rows, size_t mid) {
  using Acc = typename R::Acc;
  __shared__ Acc partial[kBlock];
  for (size_t row = blockIdx.x; row < rows; row += gridDim.x) {
    const T* r = x + row * mid;
    Acc acc = R::identity();
    for (size_t i = threadIdx.x; i < mid; i += blockDim.x) acc = R::combine(acc, (Acc)r[i]);
    partial[threadIdx.x] = acc;
    __syncthreads();
    for (unsigned w = blockDim.x / 2; w > 0; w /= 2) {
      if (threadIdx.x < w) partial[threadIdx.x] = R::combine(partial[threadIdx.x], partial[threadIdx.x + w]);
      __syncthreads();
    }
    if (threadIdx.x == 0) out[row] = (T)partial[0];
    __syncthreads();  // partial[0] is read before the next row overwrites it
  }
}

template <typename R, typename T>
__global__ void reduce_columns(const T* x, T* out, size_t outer, size_t mid, size_t inner) {
  using Acc = typename R::Acc;
  for (size_t j = global_index(); j < outer * inner; j += global_stride()) {
    const T* col = x + j / inner * mid * inner + j % inner;
    Acc acc = R::identity();
    for (size_t m = 0; m < mid; ++m) acc = R::combine(acc, (Acc)col[m * inner]);
    out[j] = (T)acc;
  }
}

template <ArgReduceOp op, typename T>
__global__ void arg_columns(const T* x, int32_t* out, size_t outer, size_t mid, size_t inner) {
  for (size_t j = global_index(); j < outer * inner; j += global_stride()) {
    const T* col = x + j / inner * mid * inner + j % inner;
    T best = col[0];
    int32_t at = 0;
    // The first NaN wins: once best is NaN nothing replaces it.
    for (size_t m = 1; m < mid && best == best; ++m) {
      T v = col[m * inner];
      bool better = op == ArgReduceOp::ArgMax ? v > best : v < best;
      if (v != v || better) {
        best = v;
        at = (int32_t)m;
      }
    }
    out[j] = at;
  }
}

template <ReduceOp op, typename T>
void launch_reduce(const T* x, T* out, size_t outer, size_t mid, size_t inner) {
  using R = Reducer<op, T>;
  if (inner == 1) {
    unsigned grid = (unsigned)(outer < (1u << 16) ? outer : (1u << 16));
    reduce_rows<R><<<grid, kBlock>>>(x, out, outer, mid);
  } else {
    reduce_columns<R><<<grid_for(outer * inner), kBlock>>>(x, out, outer, mid, inner);
  }
}

template <typename T>
void dispatch_reduce(ReduceOp op, const T* x, T* out, size_t outer, size_t mid, size_t inner) {
  switch (op) {
    case ReduceOp::Sum: return launch_reduce<ReduceOp::Sum>(x, out, outer, mid, inner);
    case ReduceOp::Max: return launch_reduce<ReduceOp::Max>(x, out, outer, mid, inner);
    case ReduceOp::Min: return launch_reduce<ReduceOp::Min>(x, out, outer, mid, inner);
    case ReduceOp::Prod: return launch_reduce<ReduceOp::Prod>(x, out, outer, mid, inner);
    default: return;
  }
}

template <typename T>
void dispatch_arg(ArgReduceOp op, const T* x, int32_t* out, size_t outer, size_t mid, size_t inner) {
  unsigned grid = grid_for(outer * inner);
  if (op == ArgReduceOp::ArgMax) arg_columns<ArgReduceOp::ArgMax><<<grid, kBlock>>>(x, out, outer, mid, inner);
  else arg_columns<ArgReduceOp::ArgMin><<<grid, kBlock>>>(x, out, outer, mid, inner);
}

}  // namespace

const char* reduce(ReduceOp op, const Array& x, const Array& out, size_t outer, size_t mid,
                   size_t inner) {
  Session session;
  TS_TRY(session.begin());
  if (out.length == 0) return nullptr;
  void *dx, *dout;
  TS_TRY(session.upload(0, x.data, bytes_of(x), &dx));
  TS_TRY(session.buffer(1, bytes_of(out), &dout));
  if (x.dtype == DType::F32)
    dispatch_reduce(op, (const float*)dx, (float*)dout, outer, mid, inner);
  else
    dispatch_reduce(op, (const int32_t*)dx, (int32_t*)dout, outer, mid, inner);
  return session.download(out.data, dout, bytes_of(out));
}

const char* arg_reduce(ArgReduceOp op, const Array& x, int32_t* out, size_t outer, size_t mid,
                       size_t inner) {
  Session session;
  TS_TRY(session.begin());
  size_t n = outer * inner;
  if (n == 0) return nullptr;
  void *dx, *dout;
  TS_TRY(session.upload(0, x.data, bytes_of(x), &dx));
  TS_TRY(session.buffer(1, n * sizeof(int32_t), &dout));
  if (x.dtype == DType::F32) dispatch_arg(op, (const float*)dx, (int32_t*)dout, outer, mid, inner);
  else dispatch_arg(op, (const int32_t*)dx, (int32_t*)dout, outer, mid, inner);
  return session.download(out, dout, n * sizeof(int32_t));
}

}  // namespace cuda
}  // namespace ts
