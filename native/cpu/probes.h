// Machine limits for the bench: the fp32 FMA peak of the widest vector unit this CPU has and a
// STREAM-style memory bandwidth, on one thread or several. Plain C++; binding_probes.cc exposes them.
#pragma once
#include <cstddef>

namespace ts {

// The unit fma_peak_gflops measures: "avx512" (16-lane zmm FMA), "avx2-fma" (8-lane ymm FMA) or
// "scalar" (one float multiply-add chain per register, not fused).
const char* fma_unit();

// Best GFLOP/s (2 per FMA lane) of `threads` threads running independent FMA chains at once, over
// rounds of about `round_ms` milliseconds each.
double fma_peak_gflops(int threads, double round_ms);

enum class StreamKind { Copy, Add, Triad, Read };

// Best GB/s of one STREAM kernel over float32 arrays of `bytes` each, split over `threads`
// threads: copy c = a (2 arrays counted), add c = a + b and triad a = b + s * c (3 arrays), and
// read, a sum over a (1 array: what a reduction can reach).
// Returns -1 when the arrays cannot be allocated.
double stream_gbps(StreamKind kind, size_t bytes, int threads);

}  // namespace ts
