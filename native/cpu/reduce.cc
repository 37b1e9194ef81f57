// Reductions over the middle axis of an [outer, mid, inner] view. Float sums and products
// accumulate in double (16 independent lanes, so the loop still vectorises), which makes a sum of
// 16M ones exactly 16777216 and keeps long sums within a rounding of the exact result.
#include <limits>
#include <type_traits>

#include "../kernels.h"
#include "../scalar_ops.h"
#include "extreme.h"
#include "thread_pool.h"

namespace ts {
namespace {

constexpr size_t kGrain = size_t{1} << 17;
constexpr size_t kLanes = 16;
constexpr size_t kColumnBlock = 256;  // inner > 1: columns accumulated together per pass over mid

template <ReduceOp op, typename T>
struct Reducer {
  static constexpr ReduceOp kOp = op;
  static constexpr bool kFloat = std::is_same<T, float>::value;
  static constexpr bool kArith = op == ReduceOp::Sum || op == ReduceOp::Prod;
  // Int32 sums and products wrap, like the elementwise ops.
  using Acc = std::conditional_t<kArith, std::conditional_t<kFloat, double, uint32_t>, T>;

  static Acc identity() {
    if constexpr (op == ReduceOp::Sum) return Acc(0);
    if constexpr (op == ReduceOp::Prod) return Acc(1);
    if constexpr (op == ReduceOp::Max)
      return kFloat ? -std::numeric_limits<T>::infinity() : std::numeric_limits<T>::lowest();
    if constexpr (op == ReduceOp::Min)
      return kFloat ? std::numeric_limits<T>::infinity() : std::numeric_limits<T>::max();
  }
  static Acc combine(Acc a, Acc b) {
    if constexpr (op == ReduceOp::Sum) return a + b;
    if constexpr (op == ReduceOp::Prod) return a * b;
    if constexpr (op == ReduceOp::Max) return max_nan(a, b);
    if constexpr (op == ReduceOp::Min) return min_nan(a, b);
  }
  static T finish(Acc a) { return (T)a; }
};

template <typename R, typename T>
typename R::Acc reduce_contiguous(const T* x, size_t n) {
  using Acc = typename R::Acc;
  if constexpr (R::kOp == ReduceOp::Max || R::kOp == ReduceOp::Min)
    return extreme<R::kOp == ReduceOp::Max>(x, n, R::identity());
  Acc lanes[kLanes];
  for (size_t j = 0; j < kLanes; ++j) lanes[j] = R::identity();
  size_t i = 0;
  for (; i + kLanes <= n; i += kLanes)
    for (size_t j = 0; j < kLanes; ++j) lanes[j] = R::combine(lanes[j], (Acc)x[i + j]);
  for (size_t j = 0; i < n; ++i, ++j) lanes[j] = R::combine(lanes[j], (Acc)x[i]);
  for (size_t w = kLanes / 2; w; w /= 2)
    for (size_t j = 0; j < w; ++j) lanes[j] = R::combine(lanes[j], lanes[j + w]);
  return lanes[0];
}

// A whole [mid] row split across threads; partials combine in a fixed order so the result does
// not depend on scheduling.
template <typename R, typename T>
typename R::Acc reduce_row_parallel(const T* x, size_t n) {
  size_t chunks = std::min<size_t>((size_t)thread_count(), n / kGrain);
  if (chunks <= 1) return reduce_contiguous<R>(x, n);
  struct Job {
    const T* x;
    size_t n, chunks;
    typename R::Acc partial[64];
  } job{x, n, chunks, {}};
  run_tasks(chunks, [](void* ctx, size_t t) {
    Job& j = *static_cast<Job*>(ctx);
    size_t b = j.n / j.chunks * t, e = t + 1 == j.chunks ? j.n : j.n / j.chunks * (t + 1);
    j.partial[t] = reduce_contiguous<R>(j.x + b, e - b);
  }, &job);
  typename R::Acc acc = job.partial[0];
  for (size_t t = 1; t < chunks; ++t) acc = R::combine(acc, job.partial[t]);
  return acc;
}

// Columns [c0, c1) of one outer slice: each pass over mid reads contiguous runs of x.
template <typename R, typename T>
void reduce_columns(const T* x, T* out, size_t mid, size_t inner, size_t c0, size_t c1) {
  using Acc = typename R::Acc;
  Acc acc[kColumnBlock];
  size_t w = c1 - c0;
  for (size_t i = 0; i < w; ++i) acc[i] = R::identity();
  for (size_t m = 0; m < mid; ++m) {
    const T* row = x + m * inner + c0;
    for (size_t i = 0; i < w; ++i) acc[i] = R::combine(acc[i], (Acc)row[i]);
  }
  for (size_t i = 0; i < w; ++i) out[c0 + i] = R::finish(acc[i]);
}

template <ReduceOp op, typename T>
void reduce_typed(const T* x, T* out, size_t outer, size_t mid, size_t inner) {
  using R = Reducer<op, T>;
  if (inner == 1 && outer < (size_t)thread_count()) {
    for (size_t o = 0; o < outer; ++o) out[o] = R::finish(reduce_row_parallel<R>(x + o * mid, mid));
    return;
  }
  if (inner == 1) {
    parallel_for(outer, kGrain / (mid + 1) + 1, 16, [&](size_t b, size_t e) {
      for (size_t o = b; o < e; ++o) out[o] = R::finish(reduce_contiguous<R>(x + o * mid, mid));
    });
    return;
  }
  size_t blocks = (inner + kColumnBlock - 1) / kColumnBlock;
  size_t grain = kGrain / (mid * kColumnBlock + 1) + 1;
  parallel_for(outer * blocks, grain, 1, [&](size_t b, size_t e) {
    for (size_t item = b; item < e; ++item) {
      size_t o = item / blocks, c0 = item % blocks * kColumnBlock;
      size_t c1 = std::min(inner, c0 + kColumnBlock);
      reduce_columns<R>(x + o * mid * inner, out + o * inner, mid, inner, c0, c1);
    }
  });
}

template <typename T>
void reduce_dispatch(ReduceOp op, const T* x, T* out, size_t outer, size_t mid, size_t inner) {
  switch (op) {
    case ReduceOp::Sum: return reduce_typed<ReduceOp::Sum>(x, out, outer, mid, inner);
    case ReduceOp::Max: return reduce_typed<ReduceOp::Max>(x, out, outer, mid, inner);
    case ReduceOp::Min: return reduce_typed<ReduceOp::Min>(x, out, outer, mid, inner);
    case ReduceOp::Prod: return reduce_typed<ReduceOp::Prod>(x, out, outer, mid, inner);
    default: return;
  }
}

}  // namespace

void reduce(ReduceOp op, const Array& x, const Array& out, size_t outer, size_t mid,
            size_t inner) {
  if (outer == 0 || inner == 0) return;
  if (x.dtype == DType::F32)
    reduce_dispatch(op, x.as<float>(), out.as<float>(), outer, mid, inner);
  else if (x.dtype == DType::I32)
    reduce_dispatch(op, x.as<int32_t>(), out.as<int32_t>(), outer, mid, inner);
}

}  // namespace ts
