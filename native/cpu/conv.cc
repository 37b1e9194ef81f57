// Conv2D and its two gradients (NHWC, HWIO filter) as GEMMs over the column matrix col (im2col.h:
// row r = output pixel r of the batch, K = kH*kW*inC columns):
//   forward:         out[rows, outC] = col[rows, K] x filter[K, outC]
//   backprop input:  dcol = dy x filter^T, scattered back into dx (col2im)
//   backprop filter: df[K, outC] = sum over chunks of col^T x dy
// Rows go through a per-thread buffer in chunks, each multiplied by the single-threaded packed
// sgemm (gemm.h) with col row-major or, for small inC, transposed (the GEMM just reads it through
// other strides). Threads take disjoint ranges of rows (of whole images for backprop input, whose
// scatter overlaps within an image). A 1x1, stride-1, unpadded conv is one plain matmul.
#include <algorithm>
#include <atomic>
#include <cstring>

#include "../kernels.h"
#include "gemm.h"
#include "im2col.h"
#include "scratch.h"

namespace ts {
namespace {

// Column-matrix floats per chunk (measured): row-major, 2 MiB, enough rows to amortise packing the
// GEMM's other operand; transposed, 128 KiB, as its K rows are read in parallel streams. The filter
// gradient, whose GEMM's k is the chunk's rows, takes 2 MiB in both layouts.
constexpr size_t kChunkFloats = size_t{1} << 19;
constexpr size_t kChunkFloatsT = size_t{1} << 15;
constexpr size_t kFilterChunkFloats = size_t{1} << 19;
constexpr size_t kMinRowsPerTask = 64;

thread_local Scratch g_col, g_tmp, g_partial, g_filter_t;

struct Sizes {
  size_t pixels, rows, k, c, oc;  // per image, whole batch, K, inC, outC
};

// Unsigned, so a product the binding never checked (one whose partner size is 0) cannot be UB.
Sizes sizes_of(const Window2D& w) {
  size_t pixels = (size_t)w.out_h * (size_t)w.out_w;
  return {pixels, (size_t)w.batch * pixels, (size_t)w.k_h * (size_t)w.k_w * (size_t)w.in_c,
          (size_t)w.in_c, (size_t)w.out_c};
}

bool pointwise(const Window2D& w) {
  return w.k_h == 1 && w.k_w == 1 && w.stride_h == 1 && w.stride_w == 1 && w.pad_top == 0 &&
         w.pad_left == 0 && w.out_h == w.in_h && w.out_w == w.in_w;
}

// Below this inC the column matrix is stored transposed (measured: inC = 1 runs 2-4x faster, inC = 3
// a little faster, inC = 8 slower).
constexpr int64_t kTransposedBelow = 4;

bool transposed(const Window2D& w) { return w.in_c < kTransposedBelow; }

// At least a few micro-tiles of rows, unless K is so large (over 2^24 / 4 MR) that one row must do.
size_t chunk_rows(size_t k, size_t floats) {
  const size_t mr = gemm_mr(), least = k <= (size_t{1} << 24) / (4 * mr) ? 4 * mr : 1;
  return std::max(least, floats / k);
}

// Transposed chunks hold whole output rows where they can: col2im_t then adds into dx in the same
// order whatever rows a thread starts at, so backprop input does not depend on the thread count.
size_t chunk_for(const Window2D& w, size_t k) {
  if (!transposed(w)) return chunk_rows(k, kChunkFloats);
  const size_t rows = chunk_rows(k, kChunkFloatsT), width = (size_t)w.out_w;
  return rows >= width ? rows - rows % width : rows;
}

// One chunk's column matrix: rows [r0, r0 + m) of col, row-major or transposed.
struct Col {
  float* data;
  size_t m, k;
  bool t;
  void fill(const float* x, const Window2D& w, size_t r0) const {
    if (t) conv::im2col_t(x, w, r0, r0 + m, data);
    else conv::im2col(x, w, r0, r0 + m, data);
  }
  void scatter(float* dx, const Window2D& w, size_t r0) const {
    if (t) conv::col2im_t(data, w, r0, r0 + m, dx);
    else conv::col2im(data, w, r0, r0 + m, dx);
  }
  // col as the GEMM operand [m, K], and col^T as [K, m].
  MatrixView<float> rows() const {
    return t ? MatrixView<float>{data, 1, m} : MatrixView<float>{data, k, 1};
  }
  MatrixView<float> cols() const {
    return t ? MatrixView<float>{data, m, 1} : MatrixView<float>{data, 1, k};
  }
};

void add_into(float* acc, const float* x, size_t n) {
#pragma omp simd
  for (size_t i = 0; i < n; ++i) acc[i] += x[i];
}

Array f32(const float* p, size_t n) { return Array{DType::F32, const_cast<float*>(p), n}; }

// Forward and input-gradient rows are independent, so they split into up to 4 tasks a thread; the
// filter gradient keeps one a thread, since its partial sums follow the task count.
size_t row_tasks(const Sizes& s, size_t per_thread) {
  return task_count((double)s.rows * s.k * s.oc, std::max<size_t>(1, s.rows / kMinRowsPerTask),
                    per_thread);
}

}  // namespace

bool conv2d(const float* x, const float* filter, float* out, const Window2D& w) {
  const Sizes s = sizes_of(w);
  if (s.rows == 0 || s.oc == 0) return true;
  if (s.k == 0) {
    std::memset(out, 0, s.rows * s.oc * sizeof(float));
    return true;
  }
  if (pointwise(w)) {
    matmul(f32(x, s.rows * s.k), f32(filter, s.k * s.oc), f32(out, s.rows * s.oc), s.rows, s.oc,
           s.k, false, false);
    return true;
  }
  const size_t tasks = row_tasks(s, 4), chunk = chunk_for(w, s.k);
  std::atomic<bool> ok{true};
  run_each(tasks, [&](size_t t) {
    const size_t r0 = s.rows * t / tasks, r1 = s.rows * (t + 1) / tasks;
    if (r0 == r1) return;
    float* buf = g_col.get(std::min(chunk, r1 - r0) * s.k);
    for (size_t r = r0; buf && r < r1; r += chunk) {
      const Col col{buf, std::min(chunk, r1 - r), s.k, transposed(w)};
      col.fill(x, w, r);
      if (!sgemm_packed(col.m, s.oc, s.k, col.rows(), {filter, s.oc, 1}, out + r * s.oc, s.oc))
        buf = nullptr;
    }
    if (!buf) ok = false;
  });
  return ok;
}

bool conv2d_backprop_input(const float* filter, const float* dy, float* dx, const Window2D& w) {
  const Sizes s = sizes_of(w);
  const size_t image = (size_t)w.in_h * (size_t)w.in_w * s.c, dx_length = (size_t)w.batch * image;
  if (dx_length == 0) return true;
  if (s.rows == 0 || s.oc == 0) {
    std::memset(dx, 0, dx_length * sizeof(float));
    return true;
  }
  if (pointwise(w)) {
    matmul(f32(dy, s.rows * s.oc), f32(filter, s.k * s.oc), f32(dx, dx_length), s.rows, s.k, s.oc,
           false, true);
    return true;
  }
  const size_t tasks = task_count((double)s.rows * s.k * s.oc, (size_t)w.batch, 4);
  const size_t chunk = chunk_for(w, s.k);
  // Row-major dcol = dy x filter^T wants filter^T [outC, K] row-major, which the GEMM packs fastest.
  float* ft = nullptr;
  if (!transposed(w)) {
    if (!(ft = g_filter_t.get(s.k * s.oc))) return false;
    for (size_t i = 0; i < s.k; ++i)
      for (size_t o = 0; o < s.oc; ++o) ft[o * s.k + i] = filter[i * s.oc + o];
  }
  std::atomic<bool> ok{true};
  run_each(tasks, [&](size_t t) {
    const size_t n0 = (size_t)w.batch * t / tasks, n1 = (size_t)w.batch * (t + 1) / tasks;
    if (n0 == n1) return;
    std::memset(dx + n0 * image, 0, (n1 - n0) * image * sizeof(float));
    const size_t r0 = n0 * s.pixels, r1 = n1 * s.pixels;
    float* buf = g_col.get(std::min(chunk, r1 - r0) * s.k);
    for (size_t r = r0; buf && r < r1; r += chunk) {
      const Col col{buf, std::min(chunk, r1 - r), s.k, transposed(w)};
      // dcol = dy x filter^T, or transposed dcol^T = filter x dy^T.
      const MatrixView<float> dyr{dy + r * s.oc, s.oc, 1}, dyt{dy + r * s.oc, 1, s.oc};
      bool done = col.t ? sgemm_packed(s.k, col.m, s.oc, {filter, s.oc, 1}, dyt, buf, col.m)
                        : sgemm_packed(col.m, s.k, s.oc, dyr, {ft, s.k, 1}, buf, s.k);
      if (done) col.scatter(dx, w, r);
      else buf = nullptr;
    }
    if (!buf) ok = false;
  });
  return ok;
}

bool conv2d_backprop_filter(const float* x, const float* dy, float* df, const Window2D& w) {
  const Sizes s = sizes_of(w);
  const size_t df_length = s.k * s.oc;
  if (df_length == 0) return true;
  if (s.rows == 0) {
    std::memset(df, 0, df_length * sizeof(float));
    return true;
  }
  if (pointwise(w)) {
    matmul(f32(x, s.rows * s.k), f32(dy, s.rows * s.oc), f32(df, df_length), s.k, s.oc, s.rows,
           true, false);
    return true;
  }
  // Task t sums its rows into partial t - 1 (task 0 into df); the partials are added in order
  // afterwards, so the result depends on the thread count only.
  const size_t tasks = row_tasks(s, 1), chunk = chunk_rows(s.k, kFilterChunkFloats);
  float* partial = tasks > 1 ? g_partial.get((tasks - 1) * df_length) : nullptr;
  if (tasks > 1 && !partial) return false;
  std::atomic<bool> ok{true};
  run_each(tasks, [&](size_t t) {
    float* acc = t == 0 ? df : partial + (t - 1) * df_length;
    const size_t r0 = s.rows * t / tasks, r1 = s.rows * (t + 1) / tasks;
    if (r0 == r1) return (void)std::memset(acc, 0, df_length * sizeof(float));
    float* buf = g_col.get(std::min(chunk, r1 - r0) * s.k);
    float* tmp = r1 - r0 > chunk ? g_tmp.get(df_length) : acc;
    if (!tmp) buf = nullptr;
    for (size_t r = r0; buf && r < r1; r += chunk) {
      const Col col{buf, std::min(chunk, r1 - r), s.k, transposed(w)};
      col.fill(x, w, r);
      float* c = r == r0 ? acc : tmp;
      if (!sgemm_packed(s.k, s.oc, col.m, col.cols(), {dy + r * s.oc, s.oc, 1}, c, s.oc))
        buf = nullptr;
      else if (c != acc)
        add_into(acc, c, df_length);
    }
    if (!buf) ok = false;
  });
  for (size_t t = 1; t < tasks; ++t) add_into(df, partial + (t - 1) * df_length, df_length);
  return ok;
}

}  // namespace ts
