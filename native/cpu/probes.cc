// See probes.h. Each probe runs its threads with plain std::threads started together, not through
// the pool, so it measures the machine rather than our scheduling; a busy machine shows as a lower
// figure, which is what a kernel could have had at that moment. Every function with wider
// instructions than the build carries its own target attribute, so any x86-64 build has them all.
#include "probes.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <thread>
#include <vector>

#if defined(__x86_64__)
#include <immintrin.h>
#define TS_PROBE_AVX512 __attribute__((target("avx512f")))
#define TS_PROBE_AVX2 __attribute__((target("avx2,fma")))
#endif
#if defined(__GNUC__) && !defined(__clang__)
#define TS_PROBE_SCALAR __attribute__((optimize("no-tree-vectorize,no-tree-slp-vectorize")))
#else
#define TS_PROBE_SCALAR
#endif

namespace ts {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

// Runs body(t) on `threads` threads at once (the caller is thread 0) and returns the wall time.
template <typename Body>
double timed_round(int threads, Body body) {
  std::vector<std::thread> others;
  const auto t0 = Clock::now();
  for (int t = 1; t < threads; ++t) others.emplace_back([&body, t] { body(t); });
  body(0);
  for (auto& th : others) th.join();
  return seconds_since(t0);
}

volatile float g_sink;  // keeps the FMA chains' results alive

// Each loop runs `iters` steps of independent chains acc = acc * m + c, which converge to a fixed
// point, so no value overflows or turns denormal. Enough chains to cover FMA latency times the
// number of FMA pipes (4 x 2 on Zen 4/5 and recent Intel cores).
#if defined(__x86_64__)
constexpr double kFlopsAvx512 = 16 * 16 * 2, kFlopsAvx2 = 12 * 8 * 2;

TS_PROBE_AVX512 void fma_avx512(uint64_t iters) {
  __m512 acc[16];
  for (int r = 0; r < 16; ++r) acc[r] = _mm512_set1_ps(1.0f + (float)r * 1e-3f);
  const __m512 m = _mm512_set1_ps(0.9999999f), c = _mm512_set1_ps(1e-7f);
  for (uint64_t i = 0; i < iters; ++i) {
#pragma GCC unroll 16
    for (int r = 0; r < 16; ++r) acc[r] = _mm512_fmadd_ps(acc[r], m, c);
  }
  for (int r = 1; r < 16; ++r) acc[0] = _mm512_add_ps(acc[0], acc[r]);
  alignas(64) float lanes[16];
  _mm512_store_ps(lanes, acc[0]);
  g_sink = lanes[0] + lanes[15];
}

TS_PROBE_AVX2 void fma_avx2(uint64_t iters) {
  __m256 acc[12];
  for (int r = 0; r < 12; ++r) acc[r] = _mm256_set1_ps(1.0f + (float)r * 1e-3f);
  const __m256 m = _mm256_set1_ps(0.9999999f), c = _mm256_set1_ps(1e-7f);
  for (uint64_t i = 0; i < iters; ++i) {
#pragma GCC unroll 12
    for (int r = 0; r < 12; ++r) acc[r] = _mm256_fmadd_ps(acc[r], m, c);
  }
  for (int r = 1; r < 12; ++r) acc[0] = _mm256_add_ps(acc[0], acc[r]);
  alignas(32) float lanes[8];
  _mm256_store_ps(lanes, acc[0]);
  g_sink = lanes[0] + lanes[7];
}
#endif

constexpr double kFlopsScalar = 8 * 2;

TS_PROBE_SCALAR void fma_scalar(uint64_t iters) {
  float acc[8];
  for (int r = 0; r < 8; ++r) acc[r] = 1.0f + (float)r * 1e-3f;
  for (uint64_t i = 0; i < iters; ++i)
    for (int r = 0; r < 8; ++r) acc[r] = acc[r] * 0.9999999f + 1e-7f;
  g_sink = acc[0] + acc[7];
}

enum class Unit { Avx512, Avx2, Scalar };

Unit detect_unit() {
#if defined(__x86_64__)
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512f")) return Unit::Avx512;
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return Unit::Avx2;
#endif
  return Unit::Scalar;
}

Unit widest_unit() {
  static const Unit unit = detect_unit();
  return unit;
}

double flops_per_step() {
  switch (widest_unit()) {
#if defined(__x86_64__)
    case Unit::Avx512: return kFlopsAvx512;
    case Unit::Avx2: return kFlopsAvx2;
#endif
    default: return kFlopsScalar;
  }
}

// `iters` steps of the FMA loop on the widest unit.
void fma_loop(uint64_t iters) {
  switch (widest_unit()) {
#if defined(__x86_64__)
    case Unit::Avx512: return fma_avx512(iters);
    case Unit::Avx2: return fma_avx2(iters);
#endif
    default: return fma_scalar(iters);
  }
}

void stream_range(StreamKind kind, float* a, const float* b, float* c, size_t lo, size_t hi) {
  const float s = 3.0f;
  float sum = 0.0f;
  switch (kind) {
    case StreamKind::Copy:
#pragma omp simd
      for (size_t i = lo; i < hi; ++i) c[i] = a[i];
      break;
    case StreamKind::Add:
#pragma omp simd
      for (size_t i = lo; i < hi; ++i) c[i] = a[i] + b[i];
      break;
    case StreamKind::Triad:
#pragma omp simd
      for (size_t i = lo; i < hi; ++i) a[i] = b[i] + s * c[i];
      break;
    case StreamKind::Read: {
      // 64 partial sums: enough independent vector adds that the loop waits on memory, not on
      // the add latency (one accumulator reached about half the bandwidth of our own Sum).
      float acc[64] = {};
      size_t i = lo;
      for (; i + 64 <= hi; i += 64) {
#pragma omp simd
        for (size_t j = 0; j < 64; ++j) acc[j] += a[i + j];
      }
      for (; i < hi; ++i) acc[0] += a[i];
      for (float x : acc) sum += x;
      g_sink = sum;
      break;
    }
  }
}

struct Buffer {
  float* p;
  explicit Buffer(size_t floats) : p(static_cast<float*>(std::aligned_alloc(64, floats * 4))) {}
  ~Buffer() { std::free(p); }
};

}  // namespace

const char* fma_unit() {
  switch (widest_unit()) {
    case Unit::Avx512: return "avx512";
    case Unit::Avx2: return "avx2-fma";
    default: return "scalar";
  }
}

double fma_peak_gflops(int threads, double round_ms) {
  // Calibrate on this thread: how many steps take about round_ms.
  uint64_t iters = 1 << 12;
  for (;;) {
    const auto t0 = Clock::now();
    fma_loop(iters);
    const double s = seconds_since(t0);
    if (s * 1000 >= round_ms / 4 || iters > (uint64_t{1} << 40)) {
      iters = (uint64_t)((double)iters * round_ms / 1000 / std::max(s, 1e-9)) + 1;
      break;
    }
    iters *= 4;
  }
  const double flops = flops_per_step() * (double)iters * threads;
  double best = 0;
  for (int round = 0; round < 5; ++round) {
    const double s = timed_round(threads, [&](int) { fma_loop(iters); });
    best = std::max(best, flops / s / 1e9);
  }
  return best;
}

double stream_gbps(StreamKind kind, size_t bytes, int threads) {
  const size_t block = 16 * (size_t)threads;  // every thread's range a whole number of lines
  const size_t n = std::max(block, bytes / 4 / block * block);
  Buffer a(n), b(n), c(n);
  if (!a.p || !b.p || !c.p) return -1;
  const size_t per = n / (size_t)threads;
  // Each thread first touches its own range, as a kernel's thread would find it.
  timed_round(threads, [&](int t) {
    for (size_t i = per * t; i < per * (t + 1); ++i) a.p[i] = 1.0f, b.p[i] = 2.0f, c.p[i] = 0.0f;
  });
  const int arrays = kind == StreamKind::Read ? 1 : kind == StreamKind::Copy ? 2 : 3;
  const double counted = (double)n * 4 * arrays;
  double best = 0;
  for (int round = 0; round < 6; ++round) {
    const double s = timed_round(threads, [&](int t) {
      stream_range(kind, a.p, b.p, c.p, per * t, per * (t + 1));
    });
    if (round > 0) best = std::max(best, counted / s / 1e9);
  }
  return best;
}

}  // namespace ts
