// Elementwise kernels on the GPU: binary (the fast path is a rank-1 broadcast), unary, cast and
// zeroOut. The scalar math comes from scalar_ops.h, the same code the CPU kernels inline.
#include "common.cuh"

namespace ts {
namespace cuda {
namespace {

struct Strides {
  int rank;
  int64_t shape[kMaxRank];
  int64_t a[kMaxRank];
  int64_t b[kMaxRank];
};

template <BinaryOp op, typename T>
__global__ void binary_kernel(const T* a, const T* b, void* out, size_t n, Strides s) {
  using R = decltype(apply_binary<op>(T(), T()));
  R* o = static_cast<R*>(out);
  for (size_t i = global_index(); i < n; i += global_stride()) {
    int64_t oa = 0, ob = 0;
    if (s.rank == 1) {  // the common case skips the 64-bit divisions
      oa = (int64_t)i * s.a[0];
      ob = (int64_t)i * s.b[0];
    } else {
      size_t rest = i;
      for (int d = s.rank - 1; d >= 0; --d) {
        int64_t idx = (int64_t)(rest % (size_t)s.shape[d]);
        rest /= (size_t)s.shape[d];
        oa += idx * s.a[d];
        ob += idx * s.b[d];
      }
    }
    o[i] = apply_binary<op>(a[oa], b[ob]);
  }
}

template <UnaryOp op, typename T>
__global__ void unary_kernel(const T* x, T* out, size_t n) {
  for (size_t i = global_index(); i < n; i += global_stride()) out[i] = apply_unary<op>(x[i]);
}

template <typename To, typename From>
__global__ void cast_kernel(const From* x, To* out, size_t n) {
  for (size_t i = global_index(); i < n; i += global_stride()) out[i] = convert<To>(x[i]);
}

__global__ void zero_out_kernel(const uint32_t* x, uint32_t* out, size_t n, size_t index) {
  for (size_t i = global_index(); i < n; i += global_stride()) out[i] = i == index ? x[i] : 0u;
}

template <typename T>
void launch_binary(BinaryOp op, const void* a, const void* b, void* out, size_t n,
                   const Strides& s) {
  visit_binary(op, [&](auto tag) {
    constexpr BinaryOp kOp = decltype(tag)::value;
    if constexpr (binary_supports(kOp, dtype_of<T>())) {
      binary_kernel<kOp, T><<<grid_for(n), kBlock>>>(static_cast<const T*>(a),
                                                     static_cast<const T*>(b), out, n, s);
    }
  });
}

const char* run_binary(BinaryOp op, const Array& a, const Array& b, const Array& out,
                       const Strides& s) {
  Session session;
  TS_TRY(session.begin());
  if (out.length == 0) return nullptr;
  void *da, *db, *dout;
  TS_TRY(session.upload(0, a.data, bytes_of(a), &da));
  TS_TRY(session.upload(1, b.data, bytes_of(b), &db));
  TS_TRY(session.buffer(2, bytes_of(out), &dout));
  if (a.dtype == DType::F32) launch_binary<float>(op, da, db, dout, out.length, s);
  else if (a.dtype == DType::I32) launch_binary<int32_t>(op, da, db, dout, out.length, s);
  else launch_binary<uint8_t>(op, da, db, dout, out.length, s);
  return session.download(out.data, dout, bytes_of(out));
}

template <typename T>
void launch_unary(UnaryOp op, const void* x, void* out, size_t n) {
  visit_unary(op, [&](auto tag) {
    constexpr UnaryOp kOp = decltype(tag)::value;
    if constexpr (unary_supports(kOp, dtype_of<T>())) {
      unary_kernel<kOp, T><<<grid_for(n), kBlock>>>(static_cast<const T*>(x), static_cast<T*>(out), n);
    }
  });
}

template <typename From>
void launch_cast(const void* x, void* out, DType to, size_t n) {
  const From* px = static_cast<const From*>(x);
  if (to == DType::F32) cast_kernel<<<grid_for(n), kBlock>>>(px, static_cast<float*>(out), n);
  else if (to == DType::I32) cast_kernel<<<grid_for(n), kBlock>>>(px, static_cast<int32_t*>(out), n);
  else cast_kernel<<<grid_for(n), kBlock>>>(px, static_cast<uint8_t*>(out), n);
}

}  // namespace

const char* binary(BinaryOp op, const Array& a, const Array& b, const Array& out) {
  Strides s{1, {(int64_t)out.length}, {a.length == 1 ? 0 : 1}, {b.length == 1 ? 0 : 1}};
  return run_binary(op, a, b, out, s);
}

const char* binary_broadcast(BinaryOp op, const Array& a, const Array& b, const Array& out,
                             const Broadcast& bc) {
  Strides s{bc.rank, {}, {}, {}};
  for (int d = 0; d < bc.rank; ++d) {
    s.shape[d] = bc.shape[d];
    s.a[d] = bc.a_strides[d];
    s.b[d] = bc.b_strides[d];
  }
  if (bc.rank == 0) s = Strides{1, {1}, {0}, {0}};
  return run_binary(op, a, b, out, s);
}

const char* unary(UnaryOp op, const Array& x, const Array& out) {
  Session session;
  TS_TRY(session.begin());
  if (x.length == 0) return nullptr;
  void *dx, *dout;
  TS_TRY(session.upload(0, x.data, bytes_of(x), &dx));
  TS_TRY(session.buffer(1, bytes_of(out), &dout));
  if (x.dtype == DType::F32) launch_unary<float>(op, dx, dout, x.length);
  else if (x.dtype == DType::I32) launch_unary<int32_t>(op, dx, dout, x.length);
  else launch_unary<uint8_t>(op, dx, dout, x.length);
  return session.download(out.data, dout, bytes_of(out));
}

const char* cast(const Array& x, const Array& out) {
  Session session;
  TS_TRY(session.begin());
  if (x.length == 0) return nullptr;
  void *dx, *dout;
  TS_TRY(session.upload(0, x.data, bytes_of(x), &dx));
  TS_TRY(session.buffer(1, bytes_of(out), &dout));
  if (x.dtype == DType::F32) launch_cast<float>(dx, dout, out.dtype, x.length);
  else if (x.dtype == DType::I32) launch_cast<int32_t>(dx, dout, out.dtype, x.length);
  else launch_cast<uint8_t>(dx, dout, out.dtype, x.length);
  return session.download(out.data, dout, bytes_of(out));
}

const char* zero_out(const Array& x, const Array& out, size_t index) {
  Session session;
  TS_TRY(session.begin());
  void *dx, *dout;
  TS_TRY(session.upload(0, x.data, bytes_of(x), &dx));
  TS_TRY(session.buffer(1, bytes_of(out), &dout));
  zero_out_kernel<<<grid_for(x.length), kBlock>>>(static_cast<const uint32_t*>(dx),
                                                   static_cast<uint32_t*>(dout), x.length, index);
  return session.download(out.data, dout, bytes_of(out));
}

}  // namespace cuda
}  // namespace ts
