// im2col and its adjoint col2im for conv.cc, in two layouts of the column matrix of rows [r0, r1)
// (row r = output pixel r of the batch, (n, oh, ow); K = kH*kW*inC columns, [kh][kw][ic]):
//   row-major [m, K]:  each window copied as kW*inC-long runs of x; best when inC is large.
//   transposed [K, m]: each tap (kh, kw, ic) over an output row's pixels is a (strided) run of one
//                      input row; best when inC is small, where row-major runs are a few floats.
// Positions outside the input read as 0 and are skipped by col2im.
#pragma once
#include <algorithm>
#include <cstdint>
#include <cstring>

#include "../kernels.h"

namespace ts {
namespace conv {

// Walks rows r0, r0 + 1, ... as (image, output row, output column).
struct Cursor {
  int64_t n, oh, ow;
  Cursor(const Window2D& w, size_t r) {
    size_t pixels = (size_t)w.out_h * (size_t)w.out_w, p = r % pixels;
    n = (int64_t)(r / pixels), oh = (int64_t)p / w.out_w, ow = (int64_t)p % w.out_w;
  }
  void next(const Window2D& w) {
    if (++ow == w.out_w) {
      ow = 0;
      if (++oh == w.out_h) oh = 0, ++n;
    }
  }
};

inline void im2col(const float* x, const Window2D& w, size_t r0, size_t r1, float* col) {
  const int64_t c = w.in_c, run = w.k_w * c, k = w.k_h * run;
  Cursor at(w, r0);
  for (size_t r = r0; r < r1; ++r, col += k, at.next(w)) {
    const float* img = x + at.n * w.in_h * w.in_w * c;
    const int64_t ih0 = at.oh * w.stride_h - w.pad_top, iw0 = at.ow * w.stride_w - w.pad_left;
    const bool whole = w.dilation_w == 1 && iw0 >= 0 && iw0 + w.k_w <= w.in_w;
    for (int64_t kh = 0; kh < w.k_h; ++kh) {
      float* dst = col + kh * run;
      const int64_t ih = ih0 + kh * w.dilation_h;
      if (ih < 0 || ih >= w.in_h) {
        std::fill(dst, dst + run, 0.0f);
        continue;
      }
      const float* src = img + ih * w.in_w * c;
      if (whole) {  // the kW pixels are adjacent in x
        std::memcpy(dst, src + iw0 * c, run * sizeof(float));
        continue;
      }
      for (int64_t kw = 0; kw < w.k_w; ++kw, dst += c) {
        const int64_t iw = iw0 + kw * w.dilation_w;
        if (iw < 0 || iw >= w.in_w) std::fill(dst, dst + c, 0.0f);
        else std::memcpy(dst, src + iw * c, c * sizeof(float));
      }
    }
  }
}

inline void col2im(const float* col, const Window2D& w, size_t r0, size_t r1, float* dx) {
  const int64_t c = w.in_c, k = w.k_h * w.k_w * c;
  Cursor at(w, r0);
  for (size_t r = r0; r < r1; ++r, col += k, at.next(w)) {
    float* img = dx + at.n * w.in_h * w.in_w * c;
    const int64_t ih0 = at.oh * w.stride_h - w.pad_top, iw0 = at.ow * w.stride_w - w.pad_left;
    const float* src = col;
    for (int64_t kh = 0; kh < w.k_h; ++kh) {
      const int64_t ih = ih0 + kh * w.dilation_h;
      if (ih < 0 || ih >= w.in_h) {
        src += w.k_w * c;
        continue;
      }
      for (int64_t kw = 0; kw < w.k_w; ++kw, src += c) {
        const int64_t iw = iw0 + kw * w.dilation_w;
        if (iw < 0 || iw >= w.in_w) continue;
        float* dst = img + (ih * w.in_w + iw) * c;
#pragma omp simd
        for (int64_t i = 0; i < c; ++i) dst[i] += src[i];
      }
    }
  }
}

// The transposed layout is filled one output-row segment at a time: for_taps calls
// f(segment, kh, kw, ih, shift, lo, hi) for every tap, where the segment's output columns ow in
// [lo, hi) read input column ow*strideW + shift of row ih inside the input (lo == hi when row ih is
// outside it). Pointers are formed only for in-bounds positions.
struct Segment {
  int64_t n, oh, ow0, ow1;  // output columns [ow0, ow1) of row (n, oh)
  size_t offset;            // of ow0 within the chunk
};

template <typename F>
void for_taps(const Window2D& w, size_t r0, size_t r1, F f) {
  for (size_t r = r0; r < r1;) {
    Cursor at(w, r);
    const int64_t len = std::min<int64_t>((int64_t)(r1 - r), w.out_w - at.ow);
    const Segment seg{at.n, at.oh, at.ow, at.ow + len, r - r0};
    for (int64_t kh = 0; kh < w.k_h; ++kh) {
      const int64_t ih = seg.oh * w.stride_h + kh * w.dilation_h - w.pad_top;
      const bool row_in = ih >= 0 && ih < w.in_h;
      for (int64_t kw = 0; kw < w.k_w; ++kw) {
        const int64_t shift = kw * w.dilation_w - w.pad_left, s = w.stride_w;
        // Output columns with 0 <= ow*s + shift < in_w.
        int64_t lo = shift >= 0 ? 0 : (-shift + s - 1) / s;
        int64_t hi = w.in_w - shift <= 0 ? 0 : (w.in_w - shift + s - 1) / s;
        lo = std::max(lo, seg.ow0), hi = std::min(hi, seg.ow1);
        if (!row_in || hi < lo) lo = hi = seg.ow0;
        f(seg, kh, kw, ih, shift, lo, hi);
      }
    }
    r += (size_t)len;
  }
}

inline void im2col_t(const float* x, const Window2D& w, size_t r0, size_t r1, float* colt) {
  const int64_t c = w.in_c, m = (int64_t)(r1 - r0), s = w.stride_w;
  for_taps(w, r0, r1, [&](const Segment& g, int64_t kh, int64_t kw, int64_t ih, int64_t shift,
                          int64_t lo, int64_t hi) {
    const float* row = x + ((g.n * w.in_h + std::clamp<int64_t>(ih, 0, w.in_h - 1)) * w.in_w) * c;
    for (int64_t ic = 0; ic < c; ++ic) {
      float* dst = colt + ((kh * w.k_w + kw) * c + ic) * m + (int64_t)g.offset;  // column ow0
      std::fill(dst, dst + (lo - g.ow0), 0.0f);
      if (s == 1 && c == 1) {
        if (hi > lo) std::memcpy(dst + (lo - g.ow0), row + lo + shift, (hi - lo) * sizeof(float));
      } else {
        for (int64_t ow = lo; ow < hi; ++ow) dst[ow - g.ow0] = row[(ow * s + shift) * c + ic];
      }
      std::fill(dst + (hi - g.ow0), dst + (g.ow1 - g.ow0), 0.0f);
    }
  });
}

inline void col2im_t(const float* colt, const Window2D& w, size_t r0, size_t r1, float* dx) {
  const int64_t c = w.in_c, m = (int64_t)(r1 - r0), s = w.stride_w;
  for_taps(w, r0, r1, [&](const Segment& g, int64_t kh, int64_t kw, int64_t ih, int64_t shift,
                          int64_t lo, int64_t hi) {
    if (hi <= lo) return;
    float* row = dx + ((g.n * w.in_h + ih) * w.in_w) * c;
    for (int64_t ic = 0; ic < c; ++ic) {
      const float* src = colt + ((kh * w.k_w + kw) * c + ic) * m + (int64_t)g.offset + (lo - g.ow0);
      if (s == 1 && c == 1) {
        float* d = row + lo + shift;
#pragma omp simd
        for (int64_t i = 0; i < hi - lo; ++i) d[i] += src[i];
      } else {
        for (int64_t ow = lo; ow < hi; ++ow) row[(ow * s + shift) * c + ic] += src[ow - lo];
      }
    }
  });
}

}  // namespace conv
}  // namespace ts
