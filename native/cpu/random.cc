// Counter-based random numbers: every output depends only on (seed, stream, its block number), so
// blocks can be generated in any order, on any number of threads, or on the GPU, with the same
// result. Blocks are generated eight at a time in a loop the compiler vectorises (Philox is
// 32 x 32 -> 64-bit multiplies and xors); truncated-normal redraws (philox.h) are done one by one.
#include "../kernels.h"
#include "../philox.h"
#include "thread_pool.h"

namespace ts {
namespace {

constexpr size_t kLanes = 8;

// Bits of blocks [first, first + kLanes): bits[w][j] is word w of block first + j.
void philox_lanes(uint64_t first, uint32_t seed, uint32_t stream, uint32_t bits[4][kLanes]) {
  for (size_t j = 0; j < kLanes; ++j) {
    PhiloxBlock b = philox4x32_10(first + j, seed, stream);
    for (int w = 0; w < 4; ++w) bits[w][j] = b.v[w];
  }
}

// Element i of the request lives in block i / 4, word i % 4.
void generate(RandomKind kind, float* out, size_t n, size_t first_block, size_t end_block,
              uint32_t seed, uint32_t stream, uint64_t counter) {
  for (size_t blk = first_block; blk < end_block; blk += kLanes) {
    uint32_t bits[4][kLanes];
    philox_lanes(counter + blk, seed, stream, bits);
    for (size_t j = 0; j < kLanes && blk + j < end_block; ++j) {
      float v[4];
      if (kind == RandomKind::Uniform) {
        for (int w = 0; w < 4; ++w) v[w] = uniform_float(bits[w][j]);
      } else {
        box_muller(bits[0][j], bits[1][j], &v[0], &v[1]);
        box_muller(bits[2][j], bits[3][j], &v[2], &v[3]);
        if (kind == RandomKind::TruncatedNormal)
          for (int w = 0; w < 4; ++w)
            v[w] = truncate_normal(v[w], counter + blk + j, seed, stream, w);
      }
      size_t base = (blk + j) * 4;
      for (size_t w = 0; w < 4 && base + w < n; ++w) out[base + w] = v[w];
    }
  }
}

}  // namespace

void random(RandomKind kind, float* out, size_t n, uint32_t seed, uint32_t stream,
            uint64_t counter) {
  size_t blocks = (n + 3) / 4;
  parallel_for(blocks, size_t{1} << 14, kLanes, [&](size_t b, size_t e) {
    generate(kind, out, n, b, e, seed, stream, counter);
  });
}

}  // namespace ts
