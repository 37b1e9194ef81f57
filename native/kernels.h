// The CPU kernels, in plain C++ (no V8, no nan). native/binding.cc checks every argument against
// the rules stated here before calling; the kernels themselves trust their inputs.
#pragma once
#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "ops.h"

namespace ts {

// Element types, as JS typed arrays: Float32Array, Int32Array, and Uint8Array holding bools (0/1).
enum class DType : uint8_t { F32, I32, Bool };

constexpr size_t dtype_size(DType t) { return t == DType::Bool ? 1 : 4; }

// The element type a kernel template instantiates for each DType.
template <typename T>
constexpr DType dtype_of() {
  return std::is_same<T, float>::value ? DType::F32
         : std::is_same<T, int32_t>::value ? DType::I32 : DType::Bool;
}

// A borrowed view of a typed array; data may be null when length is 0.
struct Array {
  DType dtype;
  void* data;
  size_t length;
  template <typename T>
  T* as() const { return static_cast<T*>(data); }
};

constexpr int kMaxRank = 8;

// An output shape (row-major, contiguous) and the element strides that map it onto a and b.
// Strides are >= 0 (0 on broadcast axes).
struct Broadcast {
  int rank;
  int64_t shape[kMaxRank];
  int64_t a_strides[kMaxRank];
  int64_t b_strides[kMaxRank];
};

// Which element types each op accepts, so the binding and the GPU code agree.
constexpr bool binary_supports(BinaryOp op, DType t) {
  if (t == DType::Bool) return op == BinaryOp::Equal || op == BinaryOp::NotEqual;
  if (t == DType::I32) return op != BinaryOp::SigmoidGrad && op != BinaryOp::TanhGrad;
  return true;
}

constexpr bool unary_supports(UnaryOp op, DType t) {
  if (op == UnaryOp::LogicalNot) return t == DType::Bool;
  if (t == DType::Bool) return false;
  if (t == DType::I32) {
    return op == UnaryOp::Neg || op == UnaryOp::Square || op == UnaryOp::Abs ||
           op == UnaryOp::Relu || op == UnaryOp::Sign;
  }
  return true;
}

constexpr DType binary_out_dtype(BinaryOp op, DType in) {
  return is_comparison(op) ? DType::Bool : in;
}

// Inputs a binary kernel refuses to compute; found by scanning b before any output is written,
// so integer division never traps.
enum class ValueError { None, IntDivByZero, NegativeIntPower };
const char* value_error_message(ValueError e);

// Scans the elements of b that the call will read (bc == nullptr: the `binary` fast path).
ValueError check_binary_values(BinaryOp op, const Array& b, const Broadcast* bc, size_t out_length);

// a.length and b.length are each out.length or 1.
void binary(BinaryOp op, const Array& a, const Array& b, const Array& out);
void binary_broadcast(BinaryOp op, const Array& a, const Array& b, const Array& out,
                      const Broadcast& bc);
void unary(UnaryOp op, const Array& x, const Array& out);

// x is [outer, mid, inner], out is [outer, inner]; f32 or i32, out has x's type.
void reduce(ReduceOp op, const Array& x, const Array& out, size_t outer, size_t mid, size_t inner);
// As reduce, writing the index of the first extreme (the first NaN wins); mid >= 1.
void arg_reduce(ArgReduceOp op, const Array& x, int32_t* out, size_t outer, size_t mid,
                size_t inner);

// out[m,n] = A[m,k] B[k,n]; A is stored [k,m] when trans_a, B is stored [n,k] when trans_b.
void matmul(const Array& a, const Array& b, const Array& out, size_t m, size_t n, size_t k,
            bool trans_a, bool trans_b);

// out.shape[i] = shape[perm[i]]; perm is a permutation of 0..rank-1.
void transpose(const Array& x, const Array& out, int rank, const int64_t* shape, const int* perm);

// float -> int32 truncates toward zero, NaN -> 0, out of range saturates; -> bool is x != 0.
void cast(const Array& x, const Array& out);

// Philox4x32-10 with key (seed, stream); element i comes from block counter + i / 4 (TruncatedNormal
// redraws: philox.h).
void random(RandomKind kind, float* out, size_t n, uint32_t seed, uint32_t stream,
            uint64_t counter);

// out = 0 except out[index] = x[index]; index < x.length.
void zero_out(const Array& x, const Array& out, size_t index);

// ---- Conv-net kernels (float32, NHWC; cpu/conv.cc, cpu/pool.cc, cpu/xent.cc) ----------------

// The geometry of a conv or pooling window, field for field src/backends/backend.ts's Window2D.
// Input position (oh*stride_h + kh*dilation_h - pad_top, ...) is read when inside the input, else
// counts as padding. The binding guarantees: in/out spatial sizes, kernel sizes, strides and
// dilations >= 1, pads >= 0; a pool has dilations 1, out_c == in_c and no window all padding.
struct Window2D {
  int64_t batch, in_h, in_w, in_c, k_h, k_w, out_h, out_w, out_c;
  int64_t stride_h, stride_w, dilation_h, dilation_w, pad_top, pad_left;
};

// x [N,inH,inW,inC], filter HWIO [kH,kW,inC,outC], out [N,outH,outW,outC]; arrays of length 0 may
// be null. The conv kernels return false, the output unspecified, when scratch memory runs out.
bool conv2d(const float* x, const float* filter, float* out, const Window2D& w);
// dx = the adjoint of conv2d in x, from dy [N,outH,outW,outC].
bool conv2d_backprop_input(const float* filter, const float* dy, float* dx, const Window2D& w);
// df [kH,kW,inC,outC] = the adjoint of conv2d in the filter.
bool conv2d_backprop_filter(const float* x, const float* dy, float* df, const Window2D& w);

// Max over each window's in-bounds elements; a NaN in the window wins (the result is NaN).
void max_pool(const float* x, float* out, const Window2D& w);
// dx (x's shape) = each dy added at its window's first maximum in (kh, kw) scan order, the first
// NaN if there is one: the element max_pool returned.
void max_pool_grad(const float* x, const float* dy, float* dx, const Window2D& w);
// Mean over each window's in-bounds elements (padding not counted).
void avg_pool(const float* x, float* out, const Window2D& w);
// dx [N,inH,inW,C] = each dy divided evenly among its window's in-bounds elements.
void avg_pool_grad(const float* dy, float* dx, const Window2D& w);

// Per row of [batch, classes]: loss = -sum labels * log_softmax(logits), backprop = softmax - labels.
void softmax_cross_entropy(const float* logits, const float* labels, float* loss, float* backprop,
                           size_t batch, size_t classes);

// Optimizer updates into fresh outputs (optim.cc), rounded step by step like the composed kernels.
struct AdamScalars {
  float lr_t, beta1, one_minus_beta1, one_minus_beta2, epsilon;
  bool nesterov;
};
void apply_gradient_descent(const float* w, const float* delta, float* out, size_t n, float alpha);
void apply_momentum(const float* w, const float* accum, const float* g, float* out_w,
                    float* out_accum, size_t n, float lr, float momentum, bool nesterov);
void apply_adam(const float* w, const float* m, const float* v, const float* g, float* out_w,
                float* out_m, float* out_v, size_t n, const AdamScalars& s);

// Threads the kernels use, including the caller (TENSORSHELL_THREADS overrides the CPU count).
int thread_count();
// The float GEMM in use, chosen at load (cpu/build_info.cc): "avx512", "avx2" or "portable", plus a
// note in parentheses when a TENSORSHELL_KERNELS request could not be met or was not understood.
const char* simd_name();
// False when the addon was built for AVX2+FMA and this CPU lacks them.
bool cpu_runs_this_build();

// Keeps large blocks on the malloc heap so tensor outputs reuse memory instead of page-faulting (memory.cc).
bool tune_allocator();
// False when TENSORSHELL_MALLOC=default asks to leave the process's allocation settings alone (memory.cc).
bool allocation_tuning_allowed();

}  // namespace ts
