// Row iteration over a broadcast: the shape is simplified first (size-1 axes dropped, axes that are
// contiguous in every operand merged) so the innermost loop is as long as possible.
#pragma once
#include <cstddef>
#include <cstdint>

#include "../kernels.h"

namespace ts {

struct RowPlan {
  int rank = 0;  // >= 1 after simplify; the last axis is the row
  int64_t shape[kMaxRank];
  int64_t a[kMaxRank];
  int64_t b[kMaxRank];
  size_t rows() const {
    size_t r = 1;
    for (int d = 0; d + 1 < rank; ++d) r *= (size_t)shape[d];
    return r;
  }
  size_t row_length() const { return (size_t)shape[rank - 1]; }
};

inline RowPlan simplify(const Broadcast& bc) {
  RowPlan p;
  for (int d = 0; d < bc.rank; ++d) {
    if (bc.shape[d] == 1) continue;
    int r = p.rank - 1;
    // The previous (outer) axis folds into this one when stepping it equals one full inner sweep.
    if (r >= 0 && p.a[r] == bc.a_strides[d] * bc.shape[d] &&
        p.b[r] == bc.b_strides[d] * bc.shape[d]) {
      p.shape[r] *= bc.shape[d];
      p.a[r] = bc.a_strides[d];
      p.b[r] = bc.b_strides[d];
      continue;
    }
    p.shape[p.rank] = bc.shape[d];
    p.a[p.rank] = bc.a_strides[d];
    p.b[p.rank] = bc.b_strides[d];
    ++p.rank;
  }
  if (p.rank == 0) {
    p.rank = 1;
    p.shape[0] = 1;
    p.a[0] = p.b[0] = 0;
  }
  return p;
}

// Calls f(a_offset, b_offset, out_offset) for rows [begin, end), where a row is the last axis.
template <typename F>
void for_each_row(const RowPlan& p, size_t begin, size_t end, F&& f) {
  int outer = p.rank - 1;
  int64_t idx[kMaxRank] = {};
  int64_t oa = 0, ob = 0;
  size_t rest = begin;
  for (int d = outer - 1; d >= 0; --d) {
    idx[d] = (int64_t)(rest % (size_t)p.shape[d]);
    rest /= (size_t)p.shape[d];
    oa += idx[d] * p.a[d];
    ob += idx[d] * p.b[d];
  }
  size_t len = p.row_length();
  for (size_t row = begin; row < end; ++row) {
    f((size_t)oa, (size_t)ob, row * len);
    for (int d = outer - 1; d >= 0; --d) {
      oa += p.a[d];
      ob += p.b[d];
      if (++idx[d] < p.shape[d]) break;
      oa -= p.a[d] * p.shape[d];
      ob -= p.b[d] * p.shape[d];
      idx[d] = 0;
    }
  }
}

}  // namespace ts
