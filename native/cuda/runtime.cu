// Device discovery and the per-call session. With cudart linked statically, a machine without a
// driver or GPU still loads the addon; the runtime calls then just report why there is no device.
#include <string>

#include "common.cuh"

namespace ts {
namespace cuda {
namespace {

constexpr int kMaxDevices = 64;

struct Slot {
  void* ptr = nullptr;
  size_t bytes = 0;
};

std::mutex g_mutex;
int g_device = 0;  // chosen by set_device, used by every later call from any thread
Slot g_slots[kMaxDevices][kSlots];

// Why cudaGetDeviceCount failed, in words a user can act on.
std::string explain(cudaError_t err) {
  int driver = 0;
  cudaDriverGetVersion(&driver);
  if (driver == 0) return std::string("CUDA driver not found (") + cudaGetErrorString(err) + ")";
  return cudaGetErrorString(err);
}

std::string version(int v) { return std::to_string(v / 1000) + "." + std::to_string(v % 1000 / 10); }

}  // namespace

Session::Session() : lock_(g_mutex), device_(g_device) {}
Session::~Session() = default;

const char* Session::begin() {
  int count = 0;
  TS_CUDA_TRY(cudaGetDeviceCount(&count));
  if (device_ >= count) return "the selected CUDA device is not available";
  TS_CUDA_TRY(cudaSetDevice(device_));
  return nullptr;
}

const char* Session::buffer(int slot, size_t bytes, void** dev) {
  Slot& s = g_slots[device_][slot];
  if (bytes > s.bytes) {
    if (s.ptr) cudaFree(s.ptr);
    s.ptr = nullptr;
    s.bytes = 0;
    TS_CUDA_TRY(cudaMalloc(&s.ptr, bytes));
    s.bytes = bytes;
  }
  *dev = s.ptr;
  return nullptr;
}

const char* Session::upload(int slot, const void* host, size_t bytes, void** dev) {
  TS_TRY(buffer(slot, bytes ? bytes : 1, dev));
  if (bytes) TS_CUDA_TRY(cudaMemcpy(*dev, host, bytes, cudaMemcpyHostToDevice));
  return nullptr;
}

const char* Session::download(void* host, const void* dev, size_t bytes) {
  TS_CUDA_TRY(cudaGetLastError());
  // A device-to-pageable-host copy waits for the kernels, so their errors surface here.
  if (bytes) TS_CUDA_TRY(cudaMemcpy(host, dev, bytes, cudaMemcpyDeviceToHost));
  return nullptr;
}

int device_count() {
  int count = 0;
  if (cudaGetDeviceCount(&count) != cudaSuccess) {
    cudaGetLastError();  // clear it so later calls do not report a stale error
    return 0;
  }
  return count < kMaxDevices ? count : kMaxDevices;
}

std::string status() {
  int count = 0;
  cudaError_t err = cudaGetDeviceCount(&count);
  if (err != cudaSuccess) {
    cudaGetLastError();
    return explain(err);
  }
  if (count == 0) return "no CUDA-capable device is detected";
  int driver = 0, runtime = 0;
  cudaDriverGetVersion(&driver);
  cudaRuntimeGetVersion(&runtime);
  return std::to_string(count) + " CUDA device(s) available (driver " + version(driver) +
         ", runtime " + version(runtime) + ")";
}

const char* device_name(int index, std::string* name) {
  cudaDeviceProp prop;
  TS_CUDA_TRY(cudaGetDeviceProperties(&prop, index));
  *name = prop.name;
  return nullptr;
}

const char* set_device(int index) {
  std::lock_guard<std::mutex> lock(g_mutex);
  TS_CUDA_TRY(cudaSetDevice(index));
  g_device = index;
  return nullptr;
}

}  // namespace cuda
}  // namespace ts
