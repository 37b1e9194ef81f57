// Unary elementwise kernels. Arithmetic ops vectorise after inlining; exp/log/tanh/sigmoid call
// the C library per element (glibc's float versions are within 1 ulp), so those split across the
// pool at much smaller sizes.
#include <type_traits>

#include "../kernels.h"
#include "../scalar_ops.h"
#include "thread_pool.h"

namespace ts {
namespace {

constexpr size_t kGrain = size_t{1} << 17;
constexpr size_t kGrainExpensive = size_t{1} << 12;

template <UnaryOp op>
constexpr bool is_expensive() {
  return op == UnaryOp::Exp || op == UnaryOp::Log || op == UnaryOp::Sigmoid ||
         op == UnaryOp::Tanh;
}

template <UnaryOp op, typename T>
void unary_typed(const Array& x, const Array& out) {
  const T* px = x.as<T>();
  T* po = out.as<T>();
  constexpr size_t grain = is_expensive<op>() ? kGrainExpensive : kGrain;
  parallel_for(x.length, grain, 64, [&](size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) po[i] = apply_unary<op>(px[i]);
  });
}

template <typename T>
void dispatch(UnaryOp op, const Array& x, const Array& out) {
  visit_unary(op, [&](auto tag) {
    if constexpr (unary_supports(decltype(tag)::value, dtype_of<T>()))
      unary_typed<decltype(tag)::value, T>(x, out);
  });
}

}  // namespace

void unary(UnaryOp op, const Array& x, const Array& out) {
  if (x.length == 0) return;
  switch (x.dtype) {
    case DType::F32: dispatch<float>(op, x, out); break;
    case DType::I32: dispatch<int32_t>(op, x, out); break;
    case DType::Bool: dispatch<uint8_t>(op, x, out); break;
  }
}

}  // namespace ts
