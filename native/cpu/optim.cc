// One-pass optimizer updates (ApplyGradientDescent, ApplyMomentum, ApplyAdam) into fresh outputs: each
// input is read once and each result written once, where the composed form makes a dozen full-size
// temporaries. Every step is rounded to float in the composed kernels' order (the build has no FMA
// contraction), so the results are bit-identical to them.
#include <cmath>

#include "../kernels.h"
#include "thread_pool.h"

namespace ts {
namespace {
constexpr size_t kGrain = size_t{1} << 15;
constexpr size_t kAlign = 16;
}  // namespace

void apply_gradient_descent(const float* w, const float* delta, float* out, size_t n, float alpha) {
  parallel_for(n, kGrain, kAlign, [&](size_t b, size_t e) {
#pragma omp simd
    for (size_t i = b; i < e; ++i) out[i] = w[i] - delta[i] * alpha;
  });
}

void apply_momentum(const float* w, const float* accum, const float* g, float* out_w,
                    float* out_accum, size_t n, float lr, float momentum, bool nesterov) {
  parallel_for(n, kGrain, kAlign, [&](size_t b, size_t e) {
#pragma omp simd
    for (size_t i = b; i < e; ++i) {
      const float a = accum[i] * momentum + g[i];
      const float step = nesterov ? g[i] * lr + a * momentum * lr : a * lr;
      out_w[i] = w[i] - step;
      out_accum[i] = a;
    }
  });
}

void apply_adam(const float* w, const float* m, const float* v, const float* g, float* out_w,
                float* out_m, float* out_v, size_t n, const AdamScalars& s) {
  parallel_for(n, kGrain, kAlign, [&](size_t b, size_t e) {
#pragma omp simd
    for (size_t i = b; i < e; ++i) {
      const float gi = g[i];
      const float mi = m[i] + (gi - m[i]) * s.one_minus_beta1;
      const float vi = v[i] + (gi * gi - v[i]) * s.one_minus_beta2;
      const float dir = s.nesterov ? gi * s.one_minus_beta1 + s.beta1 * mi : mi;
      out_w[i] = w[i] - (dir * s.lr_t) / (std::sqrt(vi) + s.epsilon);
      out_m[i] = mi;
      out_v[i] = vi;
    }
  });
}

}  // namespace ts
