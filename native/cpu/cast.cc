// Conversions between the three element types. float -> int32 truncates toward zero, maps NaN to
// 0 and saturates out-of-range values at INT32_MIN / INT32_MAX (plain C++ conversion would be
// undefined there); anything -> bool is x != 0 (so NaN -> true); bool -> number reads any non-zero
// byte as 1.
#include "../kernels.h"
#include "../scalar_ops.h"
#include "thread_pool.h"

namespace ts {
namespace {

constexpr size_t kGrain = size_t{1} << 17;

template <typename To, typename From>
void convert_all(const From* x, To* out, size_t n) {
  parallel_for(n, kGrain, 64, [&](size_t b, size_t e) {
    for (size_t i = b; i < e; ++i) out[i] = convert<To>(x[i]);
  });
}

template <typename From>
void cast_from(const From* x, const Array& out) {
  switch (out.dtype) {
    case DType::F32: return convert_all(x, out.as<float>(), out.length);
    case DType::I32: return convert_all(x, out.as<int32_t>(), out.length);
    case DType::Bool: return convert_all(x, out.as<uint8_t>(), out.length);
  }
}

}  // namespace

void cast(const Array& x, const Array& out) {
  switch (x.dtype) {
    case DType::F32: return cast_from(x.as<float>(), out);
    case DType::I32: return cast_from(x.as<int32_t>(), out);
    case DType::Bool: return cast_from(x.as<uint8_t>(), out);
  }
}

}  // namespace ts
