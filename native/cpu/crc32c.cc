// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), the checksum of TensorFlow's record and
// table files (tensorflow/core/lib/hash/crc32c.h: Value, Extend). Two paths, chosen once at load:
// the SSE4.2 crc32 instruction on x86-64 CPUs that have it, else portable slicing-by-8 tables.
// TENSORSHELL_KERNELS=portable forces the tables, so a test can check both in child processes.
// The SSE4.2 function alone is compiled for SSE4.2 (target attribute), so the rest of the addon
// still runs on a CPU without it.
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>

#if defined(__x86_64__)
#include <nmmintrin.h>
#endif

namespace ts {
namespace {

constexpr uint32_t kPoly = 0x82F63B78u;

// kTables[0] is the byte-at-a-time table; kTables[k][b] is the CRC of byte b followed by k zero
// bytes, so eight table look-ups consume eight bytes at once.
using Tables = std::array<std::array<uint32_t, 256>, 8>;

constexpr Tables make_tables() {
  Tables t{};
  for (uint32_t b = 0; b < 256; ++b) {
    uint32_t c = b;
    for (int i = 0; i < 8; ++i) c = (c >> 1) ^ ((c & 1u) ? kPoly : 0u);
    t[0][b] = c;
  }
  for (int k = 1; k < 8; ++k)
    for (int b = 0; b < 256; ++b) t[k][b] = (t[k - 1][b] >> 8) ^ t[0][t[k - 1][b] & 0xffu];
  return t;
}

constexpr Tables kTables = make_tables();

// Both paths work on the "raw" register (pre- and post-inverted by the caller).
uint32_t raw_portable(uint32_t c, const uint8_t* p, size_t n) {
  for (; n >= 8; p += 8, n -= 8) {
    // Little-endian by construction, whatever the host's byte order.
    const uint32_t lo = c ^ ((uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
                             (uint32_t)p[3] << 24);
    const uint32_t hi = (uint32_t)p[4] | (uint32_t)p[5] << 8 | (uint32_t)p[6] << 16 |
                        (uint32_t)p[7] << 24;
    c = kTables[7][lo & 0xff] ^ kTables[6][(lo >> 8) & 0xff] ^ kTables[5][(lo >> 16) & 0xff] ^
        kTables[4][lo >> 24] ^ kTables[3][hi & 0xff] ^ kTables[2][(hi >> 8) & 0xff] ^
        kTables[1][(hi >> 16) & 0xff] ^ kTables[0][hi >> 24];
  }
  for (; n > 0; ++p, --n) c = (c >> 8) ^ kTables[0][(c ^ *p) & 0xff];
  return c;
}

#if defined(__x86_64__)
__attribute__((target("sse4.2"))) uint32_t raw_sse42(uint32_t c, const uint8_t* p, size_t n) {
  // Bytes up to an 8-byte boundary first, so the 8-byte loads are aligned.
  for (; n > 0 && ((uintptr_t)p & 7u) != 0; ++p, --n) c = _mm_crc32_u8(c, *p);
  uint64_t c64 = c;
  for (; n >= 8; p += 8, n -= 8) {
    uint64_t word;
    std::memcpy(&word, p, 8);
    c64 = _mm_crc32_u64(c64, word);
  }
  c = (uint32_t)c64;
  for (; n > 0; ++p, --n) c = _mm_crc32_u8(c, *p);
  return c;
}
#endif

using RawFn = uint32_t (*)(uint32_t, const uint8_t*, size_t);

struct Choice {
  RawFn fn;
  const char* name;
};

Choice choose() {
  const char* env = std::getenv("TENSORSHELL_KERNELS");
  const bool force_portable = env != nullptr && std::strcmp(env, "portable") == 0;
#if defined(__x86_64__)
  __builtin_cpu_init();
  if (!force_portable && __builtin_cpu_supports("sse4.2")) return {raw_sse42, "sse4.2"};
#else
  (void)force_portable;
#endif
  return {raw_portable, "portable"};
}

const Choice& choice() {
  static const Choice c = choose();
  return c;
}

}  // namespace

// TF's crc32c::Extend(init_crc, buf, size): the CRC of (the data behind init_crc) ++ buf.
uint32_t crc32c_extend(uint32_t crc, const uint8_t* data, size_t n) {
  return ~choice().fn(~crc, data, n);
}

// "sse4.2" or "portable": the path crc32c_extend takes in this process.
const char* crc32c_kernel() { return choice().name; }

}  // namespace ts
