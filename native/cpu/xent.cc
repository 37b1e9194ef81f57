// Fused softmax cross-entropy, row by row: with m the row's max and lse = log(sum exp(x - m)),
// loss = -sum labels * (x - m - lse) and backprop = exp(x - m - lse) - labels. Everything after the
// max is computed in double, so finite logits as large as +-1e30 stay finite; labels need not sum
// to 1. A class with label 0 adds nothing to the loss (so a -Infinity logit there is harmless);
// NaN or +Infinity logits give NaN.
#include <cmath>

#include "../kernels.h"
#include "scratch.h"

namespace ts {

void softmax_cross_entropy(const float* logits, const float* labels, float* loss, float* backprop,
                           size_t batch, size_t classes) {
  const size_t grain = std::max<size_t>(1, (size_t{1} << 13) / std::max<size_t>(classes, 1));
  parallel_for(batch, grain, 1, [&](size_t b0, size_t b1) {
    for (size_t b = b0; b < b1; ++b) {
      const float* x = logits + b * classes;
      const float* y = labels + b * classes;
      float* g = backprop + b * classes;
      float m = classes ? x[0] : 0.0f;
      for (size_t j = 1; j < classes; ++j) m = x[j] > m || x[j] != x[j] ? x[j] : m;
      double sum = 0;
      for (size_t j = 0; j < classes; ++j) sum += std::exp((double)x[j] - m);
      const double lse = std::log(sum);
      double l = 0;
      for (size_t j = 0; j < classes; ++j) {
        const double shifted = (double)x[j] - m - lse;
        if (y[j] != 0) l -= y[j] * shifted;
        g[j] = (float)(std::exp(shifted) - y[j]);
      }
      loss[b] = classes ? (float)l : 0.0f;
    }
  });
}

}  // namespace ts
