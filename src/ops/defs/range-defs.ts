// Rank and Range: what TF 1.15 builds to reduce "all axes" of a tensor whose rank is only known at run time
// (`range(0, Rank(x))`), and the public tf.rank / tf.range.
import { registerOpDef, ShapeError } from '../../engine/registry.js';
import { InvalidArgumentError } from '../../errors.js';
import { scalar } from '../../tensor/convert.js';
import { allocate } from '../../tensor/dtype.js';
import { NDArray } from '../../tensor/ndarray.js';
import { ALL, NUMERIC, requireRank, spec, val } from './helpers.js';

registerOpDef({
  type: 'Rank',
  inputNames: ['input'],
  hostOnly: true,
  typeGroup: { attr: 'T', inputs: [0], allowed: ALL },
  inferOutputs: () => [spec('int32', [])],
  kernel: (inputs) => [scalar(val(inputs, 0).rank, 'int32')],
});

/** The number of values of range(start, limit, delta), with TF's messages for a range that never ends. */
function rangeSize(start: number, limit: number, delta: number): number {
  if (delta === 0) throw new InvalidArgumentError(`Requires delta != 0: ${delta}`);
  if (delta > 0 && start > limit) throw new InvalidArgumentError(`Requires start <= limit when delta > 0: ${start}/${limit}`);
  if (delta < 0 && start < limit) throw new InvalidArgumentError(`Requires start >= limit when delta < 0: ${start}/${limit}`);
  return Math.ceil(Math.abs((limit - start) / delta));
}

const MAX_RANGE = 2 ** 28;

registerOpDef({
  type: 'Range',
  inputNames: ['start', 'limit', 'delta'],
  typeGroup: { attr: 'Tidx', inputs: [0, 1, 2], allowed: NUMERIC },
  inferOutputs(inputs) {
    for (const s of inputs) requireRank(s.shape, 0);
    const [start, limit, delta] = inputs.map((s) => s.constValue?.data[0]);
    if (start === undefined || limit === undefined || delta === undefined) return [spec(inputs[0].dtype, [null])];
    try {
      return [spec(inputs[0].dtype, [rangeSize(start, limit, delta)])];
    } catch (e) {
      throw new ShapeError((e as Error).message);
    }
  },
  kernel(inputs) {
    const [start, limit, delta] = [0, 1, 2].map((i) => {
      const v = val(inputs, i);
      if (v.rank !== 0) throw new InvalidArgumentError(`${['start', 'limit', 'delta'][i]} must be a scalar, not shape [${v.shape.join(',')}]`);
      return v.data[0];
    });
    const n = rangeSize(start, limit, delta);
    if (n > MAX_RANGE) throw new InvalidArgumentError(`Requires the range to have at most ${MAX_RANGE} values, got ${n}`);
    const dtype = val(inputs, 0).dtype;
    const data = allocate(dtype, n);
    for (let i = 0; i < n; i++) data[i] = start + i * delta;
    return [new NDArray(data, [n], dtype)];
  },
});
