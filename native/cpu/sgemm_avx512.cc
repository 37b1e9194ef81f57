// The AVX-512 float GEMM, which sgemm_packed runs when the CPU has AVX-512 F/BW/VL/DQ (see
// build_info.cc). A 14 x 32 micro-kernel holds the C tile in 28 zmm registers, leaving one for the
// broadcast A value and two for the B row. B is packed into KC x NC panels of 32-column slivers as
// in sgemm.cc, but A is read where it lies, MR rows at a time, when it is row- or column-major:
// within noise of packing it for large squares, 1.1-1.2x faster for the convs' GEMMs. Only the last
// m % MR rows, and A of other strides, are packed (sgemm_avx512_pack.h). Edge tiles are written
// through masks. A threaded product shares each packed B panel between the pool's threads
// (sgemm_parallel_avx512). Every function carries the AVX-512 target attribute, so the file builds
// into any x86-64 addon whatever the global flags; elsewhere it compiles to nothing.
#if defined(__x86_64__)
#include <array>
#include <utility>

#include "gemm.h"
#include "sgemm_avx512_pack.h"
#include "thread_pool.h"

namespace ts {
namespace {

using namespace avx512;
constexpr size_t NV = NR / 16;
// Measured on Zen 5 (see native/README.md): k is cut into as few blocks as KC allows, so each element
// of C is loaded and stored once per block; the MR x KC sliver of A (112 KiB) then streams from L2 and
// the KC x NC panel of B (4 MiB) from L3, and that still wins over KC = 384 (A in L1, B in L2): p50
// GFLOP/s KC 384 -> 2048, alternated runs: n = 512 349-351 -> 384-386, 768 314-316 -> 342-348, 1536
// 316-342 -> 355-359, 3000 329-348 -> 361-372, 2048 (mean, CPU time) 327-335 -> 356-363, one thread
// 1024 / 2048 164 / 160 -> 176 / 181, conv2 forward 2.90-3.15 -> 2.76-2.80 ms; 256 and the fc1
// products unchanged. KC 256 and 512 had measured as 384, NC 256 to 2048 the same.
constexpr size_t KC = 2048;
constexpr size_t NC = 512;
// Tasks per thread in a threaded product: small enough that a thread that wakes late or loses its
// core leaves little for the other to wait on.
constexpr size_t kTileTasksPerThread = 8;

// The top-left R x nr of c (ldc) = or += the product of R <= MR rows of A and a sliver of B over kc,
// where A(r, p) is a[r * lda + p] (RowMajor) or a[p * lda + r] (column-major, or a packed sliver:
// lda = MR), and B(p, j) is b[p * NR + j] (PackedB: a packed sliver, aligned and zero-padded) or
// b[p * ldb + j] read in place, the columns past nr masked off. Only R rows are computed, so a
// remainder of m % MR rows costs its own rows only.
template <size_t R, bool RowMajor, bool PackedB>
__attribute__((target("prfchw"))) TS_AVX512 void micro_kernel(size_t kc, const float* a, size_t lda, const float* __restrict b,
                            size_t ldb, float* c, size_t ldc, size_t nr, bool accumulate) {
  __m512 acc[R][NV];
#pragma GCC unroll 16
  for (size_t r = 0; r < R; ++r)
    for (size_t v = 0; v < NV; ++v) acc[r][v] = _mm512_setzero_ps();
  __mmask16 keep[NV];
  for (size_t v = 0; v < NV; ++v) keep[v] = nr > 16 * v ? first(nr - 16 * v) : 0;
  // The C tile's lines are fetched while the k loop runs: an eager op's fresh output is not in the
  // cache, and its stores would otherwise wait on memory (64^2 into a new array: 4.0 -> 3.7 us). With
  // write intent (PREFETCHW), as the tile is stored: a freed block's lines may still sit in the other
  // core's cache, and a plain prefetch would bring them shared, to be taken over again by the stores.
  // Fresh output per call, two builds alternated in one process, us: 128^2 19.1 -> 17.5, 256^2 111.5
  // -> 102.8 (both threaded); 64, 96, 512 and 1024 unchanged.
#pragma GCC unroll 16
  for (size_t r = 0; r < R; ++r) {
    __builtin_prefetch(c + r * ldc, 1, 3);
    __builtin_prefetch(c + r * ldc + 16, 1, 3);
  }
#pragma GCC unroll 2
  for (size_t p = 0; p < kc; ++p, a += RowMajor ? 1 : lda, b += PackedB ? NR : ldb) {
    __m512 bv[NV];
    for (size_t v = 0; v < NV; ++v)
      bv[v] = PackedB ? _mm512_load_ps(b + 16 * v) : _mm512_maskz_loadu_ps(keep[v], b + 16 * v);
#pragma GCC unroll 16
    for (size_t r = 0; r < R; ++r) {
      const __m512 t = _mm512_set1_ps(a[RowMajor ? r * lda : r]);
      for (size_t v = 0; v < NV; ++v) acc[r][v] = _mm512_fmadd_ps(t, bv[v], acc[r][v]);
    }
  }
#pragma GCC unroll 16
  for (size_t r = 0; r < R; ++r) {
    for (size_t v = 0; v < NV; ++v) {
      float* cp = c + r * ldc + 16 * v;
      if (nr == NR) {
        const __m512 x = accumulate ? _mm512_add_ps(acc[r][v], _mm512_loadu_ps(cp)) : acc[r][v];
        _mm512_storeu_ps(cp, x);
      } else {
        const __m512 x =
            accumulate ? _mm512_add_ps(acc[r][v], _mm512_maskz_loadu_ps(keep[v], cp)) : acc[r][v];
        _mm512_mask_storeu_ps(cp, keep[v], x);
      }
    }
  }
}

using Kernel = void (*)(size_t kc, const float* a, size_t lda, const float* b, size_t ldb, float* c,
                        size_t ldc, size_t nr, bool accumulate);

// kernels<RowMajor, PackedB>[R] runs R rows (R = 1..MR).
template <bool RowMajor, bool PackedB, size_t... R>
constexpr std::array<Kernel, MR + 1> table(std::index_sequence<R...>) {
  return {{nullptr, &micro_kernel<R + 1, RowMajor, PackedB>...}};
}
template <bool RowMajor, bool PackedB>
constexpr std::array<Kernel, MR + 1> kernels = table<RowMajor, PackedB>(std::make_index_sequence<MR>());

// B is read in place, unpacked, when it is row-major and the whole k x n of it is at most this
// many floats (it then stays in L1/L2 across the row tiles, and packing it would cost as much as
// the product saves; measured: n = 64 and 128).
constexpr size_t kInPlaceB = 128 * 128;

// One product's layout decisions, shared by the one-thread and the threaded drivers. k is cut
// into equal KC blocks (multiples of 16 but the last), so no block is a short tail. A is read in
// place when row- or column-major, else packed a sliver at a time; so is a row-major A whose row
// stride is a multiple of 4 KiB (k = 1024, 2048, ...): the MR rows of a sliver then fall into one
// set of the 12-way L1, and every step's loads miss. Packing it pays for itself once the sliver is
// reused across 4 or more slivers of B.
struct Layout {
  size_t m, n, k, kstep;
  MatrixView<float> a, b;
  float* c;
  size_t ldc;
  bool aliased, rows, cols, pack_b_panels;
  Layout(size_t m_, size_t n_, size_t k_, MatrixView<float> a_, MatrixView<float> b_, float* c_,
         size_t ldc_)
      : m(m_), n(n_), k(k_), a(a_), b(b_), c(c_), ldc(ldc_) {
    const size_t blocks = (k + KC - 1) / KC;
    kstep = std::min(KC, ((k + blocks - 1) / blocks + 15) / 16 * 16);
    aliased = a.cs == 1 && a.rs % 1024 == 0 && n >= 4 * NR;
    rows = a.cs == 1 && !aliased;
    cols = a.cs != 1 && a.rs == 1;
    pack_b_panels = !(b.cs == 1 && k * n <= kInPlaceB);
  }
  size_t panel_floats(size_t nc_max = NC) const {
    return kstep * ((std::min(nc_max, n) + NR - 1) / NR * NR);
  }
  bool packs_a() const { return !rows && !cols; }
};

// Rows [i0, i1) of C (i0 a multiple of MR) for the panel of columns [jc, jc + nc) and of k
// [pc, pc + kc), against B packed in `pb` (or read in place). `pa` holds an A sliver where A is
// packed; a null `pa` for an aliased row-major A reads it in place instead (slower, same bits).
TS_AVX512 void panel_rows(const Layout& l, size_t i0, size_t i1, size_t jc, size_t nc, size_t pc,
                          size_t kc, const float* pb, float* pa) {
  const bool rows = l.rows || (l.aliased && !pa);
  for (size_t i = i0; i < i1; i += MR) {
    const size_t mr = std::min(MR, i1 - i);
    if (!rows && !l.cols) pack_a(mr, kc, l.a.offset(i, pc), pa);
    const float* ap = rows || l.cols ? &l.a.at(i, pc) : pa;
    const size_t lda = rows ? l.a.rs : l.cols ? l.a.cs : MR;
    for (size_t j = 0; j < nc; j += NR) {
      float* ct = l.c + i * l.ldc + jc + j;
      const size_t nr = std::min(NR, nc - j);
      if (l.pack_b_panels) {
        const float* bp = pb + j * kc;
        if (rows) kernels<true, true>[mr](kc, ap, lda, bp, NR, ct, l.ldc, nr, pc > 0);
        else kernels<false, true>[mr](kc, ap, lda, bp, NR, ct, l.ldc, nr, pc > 0);
      } else {
        const float* bp = &l.b.at(pc, jc + j);
        if (rows) kernels<true, false>[mr](kc, ap, lda, bp, l.b.rs, ct, l.ldc, nr, pc > 0);
        else kernels<false, false>[mr](kc, ap, lda, bp, l.b.rs, ct, l.ldc, nr, pc > 0);
      }
    }
  }
}

}  // namespace

// As sgemm_packed.
TS_AVX512 bool sgemm_packed_avx512(size_t m, size_t n, size_t k, MatrixView<float> a,
                                   MatrixView<float> b, float* c, size_t ldc) {
  const Layout l(m, n, k, a, b, c, ldc);
  float* pa = l.packs_a() || l.aliased ? g_pack_a.get(MR * l.kstep) : nullptr;
  float* pb = l.pack_b_panels ? g_pack_b.get(l.panel_floats()) : nullptr;
  if ((l.packs_a() && !pa) || (l.pack_b_panels && !pb)) return false;
  for (size_t jc = 0; jc < n; jc += NC) {
    const size_t nc = std::min(NC, n - jc);
    for (size_t pc = 0; pc < k; pc += l.kstep) {
      const size_t kc = std::min(l.kstep, k - pc);
      if (l.pack_b_panels) pack_b(kc, nc, b.offset(pc, jc), pb);
      panel_rows(l, 0, m, jc, nc, pc, kc, pb, pa);
    }
  }
  return true;
}

// As sgemm_parallel_avx512 in gemm.h. The KC x NC panels of B are taken in order; the region of
// panel q has the pool's threads take groups of MR-row tiles of C against it (each thread packing
// its own A slivers) and, as its last tasks, pack panel q + 1 into the other half of a double
// buffer, so no task waits for another and packing B is shared too (the first panel in a region
// of its own: packed on the calling thread it left the others idle, 1024^2 328 -> 340 GFLOP/s).
// Every element of C is summed over k in the same order as by sgemm_packed_avx512.
TS_AVX512 bool sgemm_parallel_avx512(size_t m, size_t n, size_t k, MatrixView<float> a,
                                     MatrixView<float> b, float* c, size_t ldc) {
  const Layout l(m, n, k, a, b, c, ldc);
  if (l.packs_a() && !l.aliased) return false;  // other strides: the caller's slabs
  // Panels as wide as KC x NC floats of B allow for this block of k (k = 1024: 1024 columns, one
  // panel): fewer regions to wait at the end of, and an aliased A packed once less. 1024^2,
  // alternated in one process: +1.5-3 %; 1200, 1536 and 2048 unchanged.
  const size_t ncp = std::max(NC, KC * NC / l.kstep / NR * NR);
  const size_t panel = l.panel_floats(ncp);
  float* pb = l.pack_b_panels ? g_pack_b.get(2 * panel) : nullptr;
  if (l.pack_b_panels && !pb) return false;
  struct Panel {
    size_t jc, nc, pc, kc;
  };
  auto panel_at = [&](size_t q, Panel* out) {
    const size_t per_row = (k + l.kstep - 1) / l.kstep;
    const size_t jc = q / per_row * ncp, pc = q % per_row * l.kstep;
    if (jc >= n) return false;
    *out = {jc, std::min(ncp, n - jc), pc, std::min(l.kstep, k - pc)};
    return true;
  };
  const size_t tiles = (m + MR - 1) / MR;
  const size_t tasks = std::min(tiles, kTileTasksPerThread * (size_t)thread_count());
  struct Job {
    const Layout* l;
    size_t tiles, tasks, pack_tasks;
    Panel now, next;
    const float* pb;  // panel `now`
    float* pb_next;   // where panel `next` goes
  } job{&l, tiles, tasks, 0, {}, {}, nullptr, nullptr};
  auto task = [](void* ctx, size_t t) {
    const Job& j = *static_cast<const Job*>(ctx);
    if (t < j.tasks) {
      const size_t i0 = j.tiles * t / j.tasks * MR;
      const size_t i1 = std::min(j.l->m, j.tiles * (t + 1) / j.tasks * MR);
      float* pa = j.l->aliased ? g_pack_a.get(MR * j.l->kstep) : nullptr;
      if (i0 < i1) panel_rows(*j.l, i0, i1, j.now.jc, j.now.nc, j.now.pc, j.now.kc, j.pb, pa);
      return;
    }
    // Slivers [s0, s1) of the next panel; sliver s lives at s * NR * kc.
    const size_t slivers = (j.next.nc + NR - 1) / NR, p = t - j.tasks;
    const size_t s0 = slivers * p / j.pack_tasks, s1 = slivers * (p + 1) / j.pack_tasks;
    if (s0 < s1)
      pack_b(j.next.kc, std::min(j.next.nc, s1 * NR) - s0 * NR,
             j.l->b.offset(j.next.pc, j.next.jc + s0 * NR), j.pb_next + s0 * NR * j.next.kc);
  };
  Panel first{};
  panel_at(0, &first);
  if (l.pack_b_panels) {  // the first panel is packed by all threads too, in a region of its own
    job.tasks = 0;
    job.next = first;
    job.pb_next = pb;
    job.pack_tasks = (size_t)thread_count();
    run_tasks(job.pack_tasks, task, &job, /*long_region=*/true);
    job.tasks = tasks;
  }
  job.now = first;
  for (size_t q = 0;; ++q) {
    const bool more = panel_at(q + 1, &job.next);
    job.pb = l.pack_b_panels ? pb + (q % 2) * panel : nullptr;
    job.pb_next = l.pack_b_panels ? pb + ((q + 1) % 2) * panel : nullptr;
    job.pack_tasks = more && l.pack_b_panels ? (size_t)thread_count() : 0;
    run_tasks(tasks + job.pack_tasks, task, &job, /*long_region=*/true);
    if (!more) break;
    job.now = job.next;
  }
  return true;
}

}  // namespace ts
#endif
