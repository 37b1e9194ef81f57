// Max and average pooling over NHWC float32 and their gradients. Channels are contiguous, so every
// inner loop runs over C and vectorises; the window's in-bounds part is found once per output
// pixel. Forward passes split the (image, output row) pairs among threads; the gradients, which
// scatter into overlapping windows, split whole images.
#include <algorithm>
#include <cstring>
#include <limits>

#include "../kernels.h"
#include "scratch.h"

namespace ts {
namespace {

// Channels per block of the max-pool gradient's running maxima, kept on the stack.
constexpr int64_t kBlock = 64;
// Windows of at most this many in-bounds taps route dy with vector adds instead of a scalar scatter.
constexpr int64_t kVectorScatter = 16;

struct Box {
  int64_t h0, h1, w0, w1;  // in-bounds kernel offsets [h0, h1) x [w0, w1)
  int64_t ih, iw;          // input position of kernel offset (0, 0)
  int64_t count() const { return (h1 - h0) * (w1 - w0); }
};

Box box(const Window2D& w, int64_t oh, int64_t ow) {
  Box b;
  window_range(oh, w.stride_h, w.pad_top, w.k_h, w.in_h, &b.h0, &b.h1);
  window_range(ow, w.stride_w, w.pad_left, w.k_w, w.in_w, &b.w0, &b.w1);
  b.ih = oh * w.stride_h - w.pad_top;
  b.iw = ow * w.stride_w - w.pad_left;
  return b;
}

// Whether v replaces the running maximum m: larger, or the first NaN (which then stays).
inline bool takes(float v, float m) { return v > m || (v != v && m == m); }

size_t image_size(const Window2D& w) { return (size_t)w.in_h * (size_t)w.in_w * (size_t)w.in_c; }

double pool_work(const Window2D& w) {
  return (double)w.batch * w.out_h * w.out_w * w.in_c * w.k_h * w.k_w;
}

// f(n, oh) for every output row of the batch, rows split among threads.
template <typename F>
void for_rows(const Window2D& w, F f) {
  const size_t rows = (size_t)w.batch * (size_t)w.out_h;
  const size_t tasks = task_count(pool_work(w), rows);
  run_each(tasks, [&](size_t t) {
    for (size_t r = rows * t / tasks; r < rows * (t + 1) / tasks; ++r)
      f((int64_t)r / w.out_h, (int64_t)r % w.out_h);
  });
}

// f(n) for every image, images split among threads.
template <typename F>
void for_images(const Window2D& w, F f) {
  const size_t images = (size_t)w.batch, tasks = task_count(pool_work(w), images);
  run_each(tasks, [&](size_t t) {
    for (size_t n = images * t / tasks; n < images * (t + 1) / tasks; ++n) f((int64_t)n);
  });
}

}  // namespace

void max_pool(const float* x, float* out, const Window2D& w) {
  const int64_t c = w.in_c;
  if (c == 0) return;
  for_rows(w, [&](int64_t n, int64_t oh) {
    const float* img = x + n * image_size(w);
    float* dst = out + (n * w.out_h + oh) * w.out_w * c;
    for (int64_t ow = 0; ow < w.out_w; ++ow, dst += c) {
      const Box b = box(w, oh, ow);
      if (b.count() == 0) {
        std::fill(dst, dst + c, -std::numeric_limits<float>::infinity());
        continue;
      }
      for (int64_t kh = b.h0; kh < b.h1; ++kh) {
        for (int64_t kw = b.w0; kw < b.w1; ++kw) {
          const float* src = img + ((b.ih + kh) * w.in_w + b.iw + kw) * c;
          if (kh == b.h0 && kw == b.w0) {
            std::memcpy(dst, src, c * sizeof(float));
            continue;
          }
#pragma omp simd
          for (int64_t i = 0; i < c; ++i) dst[i] = takes(src[i], dst[i]) ? src[i] : dst[i];
        }
      }
    }
  });
}

namespace {

// The max-pool gradient of one image; Index holds input pixel numbers (int32 when they fit, so the
// running-maximum loop vectorises in 32-bit lanes).
template <typename Index>
void max_pool_grad_image(const float* img, const float* g, float* dimg, const Window2D& w) {
  const int64_t c = w.in_c;
  for (int64_t oh = 0; oh < w.out_h; ++oh) {
    for (int64_t ow = 0; ow < w.out_w; ++ow, g += c) {
      const Box b = box(w, oh, ow);
      if (b.count() == 0) continue;
      const Index first = (Index)((b.ih + b.h0) * w.in_w + b.iw + b.w0);
      for (int64_t c0 = 0; c0 < c; c0 += kBlock) {
        const int64_t cn = std::min(kBlock, c - c0);
        float best[kBlock];
        Index at[kBlock];  // input pixel of the running maximum
        for (int64_t i = 0; i < cn; ++i) best[i] = img[first * c + c0 + i], at[i] = first;
        for (int64_t kh = b.h0; kh < b.h1; ++kh) {
          for (int64_t kw = b.w0; kw < b.w1; ++kw) {
            const Index p = (Index)((b.ih + kh) * w.in_w + b.iw + kw);
            const float* src = img + (int64_t)p * c + c0;
#pragma omp simd
            for (int64_t i = 0; i < cn; ++i) {
              const bool take = takes(src[i], best[i]);
              best[i] = take ? src[i] : best[i];
              at[i] = take ? p : at[i];
            }
          }
        }
        if (b.count() > kVectorScatter) {
          for (int64_t i = 0; i < cn; ++i) dimg[(int64_t)at[i] * c + c0 + i] += g[c0 + i];
          continue;
        }
        // Small windows: every tap adds dy where it holds the maximum, 0 elsewhere (vectorised).
        for (int64_t kh = b.h0; kh < b.h1; ++kh) {
          for (int64_t kw = b.w0; kw < b.w1; ++kw) {
            const Index p = (Index)((b.ih + kh) * w.in_w + b.iw + kw);
            float* dst = dimg + (int64_t)p * c + c0;
#pragma omp simd
            for (int64_t i = 0; i < cn; ++i) dst[i] += at[i] == p ? g[c0 + i] : 0.0f;
          }
        }
      }
    }
  }
}

}  // namespace

void max_pool_grad(const float* x, const float* dy, float* dx, const Window2D& w) {
  const size_t image = image_size(w);
  if (image == 0) return;
  const bool small = (uint64_t)w.in_h * (uint64_t)w.in_w < (uint64_t{1} << 31);
  for_images(w, [&](int64_t n) {
    float* dimg = dx + n * image;
    std::memset(dimg, 0, image * sizeof(float));
    const float* g = dy + n * w.out_h * w.out_w * w.in_c;
    if (small) max_pool_grad_image<int32_t>(x + n * image, g, dimg, w);
    else max_pool_grad_image<int64_t>(x + n * image, g, dimg, w);
  });
}

void avg_pool(const float* x, float* out, const Window2D& w) {
  const int64_t c = w.in_c;
  if (c == 0) return;
  for_rows(w, [&](int64_t n, int64_t oh) {
    const float* img = x + n * image_size(w);
    float* dst = out + (n * w.out_h + oh) * w.out_w * c;
    for (int64_t ow = 0; ow < w.out_w; ++ow, dst += c) {
      const Box b = box(w, oh, ow);
      std::fill(dst, dst + c, 0.0f);
      if (b.count() == 0) continue;
      for (int64_t kh = b.h0; kh < b.h1; ++kh) {
        for (int64_t kw = b.w0; kw < b.w1; ++kw) {
          const float* src = img + ((b.ih + kh) * w.in_w + b.iw + kw) * c;
#pragma omp simd
          for (int64_t i = 0; i < c; ++i) dst[i] += src[i];
        }
      }
      const float count = (float)b.count();
#pragma omp simd
      for (int64_t i = 0; i < c; ++i) dst[i] /= count;
    }
  });
}

void avg_pool_grad(const float* dy, float* dx, const Window2D& w) {
  const int64_t c = w.in_c;
  const size_t image = image_size(w);
  if (image == 0) return;
  for_images(w, [&](int64_t n) {
    float* dimg = dx + n * image;
    std::memset(dimg, 0, image * sizeof(float));
    const float* g = dy + n * w.out_h * w.out_w * c;
    for (int64_t oh = 0; oh < w.out_h; ++oh) {
      for (int64_t ow = 0; ow < w.out_w; ++ow, g += c) {
        const Box b = box(w, oh, ow);
        if (b.count() == 0) continue;
        const float count = (float)b.count();
        for (int64_t kh = b.h0; kh < b.h1; ++kh) {
          for (int64_t kw = b.w0; kw < b.w1; ++kw) {
            float* dst = dimg + ((b.ih + kh) * w.in_w + b.iw + kw) * c;
#pragma omp simd
            for (int64_t i = 0; i < c; ++i) dst[i] += g[i] / count;
          }
        }
      }
    }
  });
}

}  // namespace ts
