// Maximum or minimum of a contiguous run with NaN propagation, in a form the compiler reliably
// vectorises: an OpenMP SIMD max/min reduction (which alone would drop NaNs) plus a NaN flag.
#pragma once
#include <cstddef>
#include <limits>

namespace ts {

template <bool kMax, typename T>
T extreme(const T* x, size_t n, T init) {
  T m = init;
  int nan = 0;
  if constexpr (kMax) {
#pragma omp simd reduction(max : m) reduction(| : nan)
    for (size_t i = 0; i < n; ++i) {
      m = x[i] > m ? x[i] : m;
      nan |= x[i] != x[i];
    }
  } else {
#pragma omp simd reduction(min : m) reduction(| : nan)
    for (size_t i = 0; i < n; ++i) {
      m = x[i] < m ? x[i] : m;
      nan |= x[i] != x[i];
    }
  }
  if (nan) return std::numeric_limits<T>::quiet_NaN();
  return m;
}

}  // namespace ts
