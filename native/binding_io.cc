// The file-format helpers' JS functions (src/io/ reaches them through src/backends/native/io-kernels.ts),
// checked as in binding.cc: a wrong type is a TypeError, a value out of range a RangeError.
#include <nan.h>

#include <cstddef>
#include <cstdint>

#include "args.h"

namespace ts {
// native/cpu/crc32c.cc
uint32_t crc32c_extend(uint32_t crc, const uint8_t* data, size_t n);
const char* crc32c_kernel();
}  // namespace ts

namespace {

using namespace ts::js;
using ts::Array;
using ts::DType;

// crc32c(u8, initial = 0): TF's crc32c::Extend(initial, u8) over the view's own bytes (a subarray
// starts at its byteOffset). A Buffer is a Uint8Array and is accepted too.
NAN_METHOD(Crc32c) {
  Args args(info, "crc32c");
  Array bytes;
  CHECK(args.array_of(0, "u8", DType::Bool, &bytes));
  uint64_t initial = 0;
  if (!info[1]->IsUndefined()) CHECK(args.integer(1, "initial", kMaxUint32, &initial));
  const uint32_t crc =
      ts::crc32c_extend((uint32_t)initial, static_cast<const uint8_t*>(bytes.data), bytes.length);
  info.GetReturnValue().Set(Nan::New<v8::Uint32>(crc));
}

}  // namespace

namespace ts {
namespace js {

void set_io_functions(v8::Local<v8::Object> target) {
  Nan::Set(target, Nan::New("crc32c").ToLocalChecked(),
           Nan::GetFunction(Nan::New<v8::FunctionTemplate>(Crc32c)).ToLocalChecked());
  Nan::Set(target, Nan::New("crc32cKernel").ToLocalChecked(),
           Nan::New(ts::crc32c_kernel()).ToLocalChecked());
}

}  // namespace js
}  // namespace ts
