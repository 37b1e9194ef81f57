// TensorFlow's histogram::Histogram (tensorflow/core/lib/histogram/histogram.cc), the one behind
// HistogramSummary: buckets whose limits grow by 10 % from 1e-12 to 1e20, mirrored for negatives, with 0
// and ±DBL_MAX as edges; EncodeToProto without zero buckets (runs of empty buckets become one).
const DBL_MAX = Number.MAX_VALUE;

function defaultLimits(): number[] {
  const pos: number[] = [];
  const neg: number[] = [];
  let v = 1.0e-12;
  while (v < 1.0e20) {
    pos.push(v);
    neg.push(-v);
    v *= 1.1;
  }
  pos.push(DBL_MAX);
  neg.push(-DBL_MAX);
  neg.reverse();
  return [...neg, 0.0, ...pos];
}

const LIMITS = defaultLimits();

export interface HistogramValue {
  min: number;
  max: number;
  num: number;
  sum: number;
  sum_squares: number;
  bucket_limit: number[];
  bucket: number[];
}

/** std::upper_bound: the first limit greater than `value`. */
function upperBound(value: number): number {
  let lo = 0;
  let hi = LIMITS.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (LIMITS[mid] <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The HistogramProto fields of `values` (all finite; the op checks NaN/Inf first, with TF's message). */
export function histogramOf(values: ArrayLike<number>): HistogramValue {
  const buckets = new Float64Array(LIMITS.length);
  let min = LIMITS[LIMITS.length - 1];
  let max = -DBL_MAX;
  let sum = 0;
  let sum_squares = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    buckets[upperBound(v)] += 1;
    if (min > v) min = v;
    if (max < v) max = v;
    sum += v;
    sum_squares += v * v;
  }
  const bucket_limit: number[] = [];
  const bucket: number[] = [];
  for (let i = 0; i < buckets.length;) {
    let end = LIMITS[i];
    let count = buckets[i];
    let j = i + 1;
    while (count <= 0 && j < buckets.length && buckets[j] <= 0) {
      end = LIMITS[j];
      count = buckets[j];
      j++;
    }
    bucket_limit.push(end);
    bucket.push(count);
    i = j;
  }
  if (bucket.length === 0) {
    bucket_limit.push(DBL_MAX);
    bucket.push(0);
  }
  return { min, max, num: values.length, sum, sum_squares, bucket_limit, bucket };
}
