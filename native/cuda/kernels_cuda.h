// The GPU versions of the kernels in kernels.h, callable from plain C++ (binding.cc is compiled by
// g++, not nvcc, so nothing CUDA-specific appears here). Arguments are host arrays, already
// checked by the binding; data is copied to the device and back inside each call.
//
// Every function returns nullptr on success or a static message (from cudaGetErrorString) on
// failure; nothing aborts.
#pragma once
#include <string>

#include "../kernels.h"

namespace ts {
namespace cuda {

// Usable devices; 0 (never an error) when there is no device or no driver.
int device_count();
// "N CUDA device(s) available", or why there are none.
std::string status();
const char* device_name(int index, std::string* name);
// Selects the device later calls use (from any thread). index < device_count().
const char* set_device(int index);

const char* binary(BinaryOp op, const Array& a, const Array& b, const Array& out);
const char* binary_broadcast(BinaryOp op, const Array& a, const Array& b, const Array& out,
                             const Broadcast& bc);
const char* unary(UnaryOp op, const Array& x, const Array& out);
const char* reduce(ReduceOp op, const Array& x, const Array& out, size_t outer, size_t mid,
                   size_t inner);
const char* arg_reduce(ArgReduceOp op, const Array& x, int32_t* out, size_t outer, size_t mid,
                       size_t inner);
const char* matmul(const Array& a, const Array& b, const Array& out, size_t m, size_t n, size_t k,
                   bool trans_a, bool trans_b);
const char* transpose(const Array& x, const Array& out, int rank, const int64_t* shape,
                      const int* perm);
const char* cast(const Array& x, const Array& out);
const char* random(RandomKind kind, float* out, size_t n, uint32_t seed, uint32_t stream,
                   uint64_t counter);
const char* zero_out(const Array& x, const Array& out, size_t index);

}  // namespace cuda
}  // namespace ts
