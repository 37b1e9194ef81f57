// Binary elementwise kernels: the `binary` fast path (equal lengths or scalars) and general
// broadcasting. Loops are written over plain pointers so -O3 vectorises each op after inlining.
#include <type_traits>

#include "../kernels.h"
#include "../scalar_ops.h"
#include "strided.h"
#include "thread_pool.h"

namespace ts {
namespace {

// Below this many elements per thread, waking the pool costs more than it saves. Transcendental
// ops are ~20x dearer per element, so they split sooner.
constexpr size_t kGrain = size_t{1} << 17;
constexpr size_t kGrainExpensive = size_t{1} << 13;

template <BinaryOp op>
constexpr size_t grain_for() {
  return op == BinaryOp::Pow || op == BinaryOp::FloorMod || op == BinaryOp::Div ? kGrainExpensive
                                                                                 : kGrain;
}

// out[i] = op(a[i*sa], b[i*sb]) for i in [0, n), with the common stride patterns spelled out so
// each becomes its own vectorised loop.
template <BinaryOp op, typename T, typename R>
void binary_row(const T* a, int64_t sa, const T* b, int64_t sb, R* out, size_t n) {
  if (sa == 1 && sb == 1) {
    for (size_t i = 0; i < n; ++i) out[i] = apply_binary<op>(a[i], b[i]);
  } else if (sa == 1 && sb == 0) {
    const T s = b[0];
    for (size_t i = 0; i < n; ++i) out[i] = apply_binary<op>(a[i], s);
  } else if (sa == 0 && sb == 1) {
    const T s = a[0];
    for (size_t i = 0; i < n; ++i) out[i] = apply_binary<op>(s, b[i]);
  } else if (sa == 0 && sb == 0) {
    const R v = apply_binary<op>(a[0], b[0]);
    for (size_t i = 0; i < n; ++i) out[i] = v;
  } else {
    for (size_t i = 0; i < n; ++i) out[i] = apply_binary<op>(a[i * sa], b[i * sb]);
  }
}

template <BinaryOp op, typename T>
void binary_typed(const Array& a, const Array& b, const Array& out) {
  using R = decltype(apply_binary<op>(T(), T()));
  const T* pa = a.as<T>();
  const T* pb = b.as<T>();
  R* po = out.as<R>();
  int64_t sa = a.length == 1 ? 0 : 1, sb = b.length == 1 ? 0 : 1;
  parallel_for(out.length, grain_for<op>(), 64, [&](size_t begin, size_t end) {
    binary_row<op>(pa + begin * sa, sa, pb + begin * sb, sb, po + begin, end - begin);
  });
}

template <BinaryOp op, typename T>
void broadcast_typed(const Array& a, const Array& b, const Array& out, const Broadcast& bc) {
  using R = decltype(apply_binary<op>(T(), T()));
  const RowPlan plan = simplify(bc);
  const T* pa = a.as<T>();
  const T* pb = b.as<T>();
  R* po = out.as<R>();
  size_t len = plan.row_length();
  size_t grain = grain_for<op>() / (len ? len : 1) + 1;
  parallel_for(plan.rows(), grain, 1, [&](size_t begin, size_t end) {
    for_each_row(plan, begin, end, [&](size_t oa, size_t ob, size_t oo) {
      binary_row<op>(pa + oa, plan.a[plan.rank - 1], pb + ob, plan.b[plan.rank - 1], po + oo, len);
    });
  });
}

// Instantiates a kernel only for the (op, type) pairs the binding lets through.
template <typename T, typename Kernel>
void dispatch(BinaryOp op, Kernel&& kernel) {
  visit_binary(op, [&](auto tag) {
    if constexpr (binary_supports(decltype(tag)::value, dtype_of<T>())) kernel(tag, T());
  });
}

template <typename Kernel>
void dispatch_any(BinaryOp op, DType t, Kernel&& kernel) {
  if (t == DType::F32) dispatch<float>(op, kernel);
  else if (t == DType::I32) dispatch<int32_t>(op, kernel);
  else dispatch<uint8_t>(op, kernel);
}

template <typename Pred>
bool any_addressed(const int32_t* b, const Broadcast* bc, size_t b_length, Pred bad) {
  if (!bc) {
    for (size_t i = 0; i < b_length; ++i)
      if (bad(b[i])) return true;
    return false;
  }
  const RowPlan plan = simplify(*bc);
  bool found = false;
  int64_t sb = plan.b[plan.rank - 1];
  for_each_row(plan, 0, plan.rows(), [&](size_t, size_t ob, size_t) {
    for (size_t i = 0; i < plan.row_length() && !found; ++i) found = bad(b[ob + i * sb]);
  });
  return found;
}

}  // namespace

const char* value_error_message(ValueError e) {
  switch (e) {
    case ValueError::IntDivByZero: return "Integer division by zero";
    case ValueError::NegativeIntPower: return "Integers to negative integer powers are not allowed";
    default: return "";
  }
}

ValueError check_binary_values(BinaryOp op, const Array& b, const Broadcast* bc,
                               size_t out_length) {
  if (b.dtype != DType::I32 || out_length == 0) return ValueError::None;
  const int32_t* pb = b.as<int32_t>();
  if (op == BinaryOp::Div || op == BinaryOp::FloorMod) {
    if (any_addressed(pb, bc, b.length, [](int32_t v) { return v == 0; }))
      return ValueError::IntDivByZero;
  } else if (op == BinaryOp::Pow) {
    if (any_addressed(pb, bc, b.length, [](int32_t v) { return v < 0; }))
      return ValueError::NegativeIntPower;
  }
  return ValueError::None;
}

void binary(BinaryOp op, const Array& a, const Array& b, const Array& out) {
  if (out.length == 0) return;
  dispatch_any(op, a.dtype, [&](auto tag, auto type) {
    binary_typed<decltype(tag)::value, decltype(type)>(a, b, out);
  });
}

void binary_broadcast(BinaryOp op, const Array& a, const Array& b, const Array& out,
                      const Broadcast& bc) {
  if (out.length == 0) return;
  dispatch_any(op, a.dtype, [&](auto tag, auto type) {
    broadcast_typed<decltype(tag)::value, decltype(type)>(a, b, out, bc);
  });
}

}  // namespace ts
