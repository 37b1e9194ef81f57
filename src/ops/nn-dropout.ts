// tf.nn.dropout (TF 1.15: keepProb becomes rate = 1 - keepProb, then dropout_v2's ops in scope `dropout`)
// and tf.nn.zeroFraction.
import { executingEagerly } from '../engine/mode.js';
import { warn } from '../engine/log.js';
import { ValueError } from '../errors.js';
import { Tensor } from '../graph/tensor.js';
import { isConvertible, type TensorLike } from './apply.js';
import { cast, identity, shape as shapeOf } from './array.js';
import { size } from './support.js';
import { constant } from './creation.js';
import { declare } from './declare.js';
import { greaterEqual, notEqual, reduceSum } from './math.js';
import { toTensorInput } from './convert.js';
import * as sugar from './operators.js';
import { uniform } from './random.js';
import { scoped, type NameOption } from './scope.js';
import { truedivOp } from './truediv.js';

export interface DropoutOptions extends NameOption {
  keepProb?: number | TensorLike;
  noiseShape?: readonly number[];
  seed?: number;
  rate?: number | TensorLike;
}

const isTensorish = (v: unknown) => v instanceof Tensor || isConvertible(v);

/** The rate: given, or 1 - keepProb (an op `sub` outside the dropout scope when keepProb is a tensor). */
function rateOf(o: DropoutOptions): number | Tensor {
  if (o.rate !== undefined && o.keepProb !== undefined) throw new ValueError('Cannot specify both keep_prob and rate');
  if (o.keepProb !== undefined) {
    if (typeof o.keepProb === 'number') {
      if (!(o.keepProb > 0 && o.keepProb <= 1)) throw new ValueError(`keep_prob must be a scalar tensor or a float in the range (0, 1], got ${o.keepProb}`);
      return 1 - o.keepProb;
    }
    if (!isTensorish(o.keepProb)) throw new ValueError(`keep_prob must be a floating point number or Tensor (got ${String(o.keepProb)})`);
    return sugar.sub(1, o.keepProb) as Tensor;
  }
  if (o.rate === undefined) throw new ValueError('You must provide a rate to dropout.');
  if (typeof o.rate === 'number') return o.rate;
  return toTensorInput(o.rate, 'float32', 'rate');
}

export const dropout: (x: TensorLike, keepProb?: number | TensorLike | DropoutOptions, noiseShape?: readonly number[], seed?: number, name?: string) => Tensor = declare(
  'nn.dropout(x: Tensor, keepProb?: number | Tensor, noiseShape?: int[], seed?: int, name?: string, { rate?: number | Tensor }): Tensor',
  "Zeroes each element with probability rate (= 1 - keepProb) and scales the rest by 1/keepProb, so the expected sum is unchanged (scope `dropout`: `random_uniform`, `GreaterEqual`, `mul`, `Cast`, `mul_1`). Feed keepProb 1 to evaluate: `tf.nn.dropout(h, keepProb)`.",
  (xIn: TensorLike, o: DropoutOptions) => {
    const rateIn = rateOf(o);
    return scoped(o.name ?? 'dropout', () => {
      const x = toTensorInput(xIn, 'float32', 'x');
      if (x.dtype !== 'float32') throw new ValueError(`x has to be a floating point tensor since it's going to be scaled. Got a ${x.dtype} tensor instead.`);
      if (typeof rateIn === 'number') {
        if (!(rateIn >= 0 && rateIn < 1)) throw new ValueError(`rate must be a scalar tensor or a float in the range [0, 1), got ${rateIn}`);
        if (rateIn > 0.5) warn(`Large dropout rate: ${rateIn} (>0.5). In TensorFlow 2.x, dropout() uses dropout rate instead of keep_prob. Please ensure that this is intended.`);
        if (rateIn === 0) return x;
      }
      if (executingEagerly() && rateIn instanceof Tensor && rateIn.numpy().data[0] === 0) return x;
      const rate = typeof rateIn === 'number' && !executingEagerly() ? constant(rateIn, { dtype: 'float32', name: 'rate' }) : rateIn;
      if (rate instanceof Tensor && rate.shape.rank !== null && rate.shape.rank !== 0) {
        throw new ValueError(`Shapes ${rate.shape.toString()} and () are incompatible`);
      }
      const noise = o.noiseShape !== undefined ? [...o.noiseShape] : shapeOf(x);
      const random = uniform(noise as number[] | Tensor, { seed: o.seed });
      const scale = truedivOp(1, sugar.sub(1, rate), 'truediv');
      const keep = greaterEqual(random, rate);
      const out = sugar.mul(sugar.mul(x, scale), cast(keep, 'float32')) as Tensor;
      if (!out.isEager) out.setShape(x.shape);
      return out;
    });
  });

export const zeroFraction: (value: TensorLike, name?: string | NameOption) => Tensor = declare(
  'nn.zeroFraction(value: Tensor, name?: string): Tensor',
  "The fraction of zeros in value, a float32 scalar (the seeds' CIFAR-10 model watches relu sparsity with it): scope `zero_fraction`, Identity `fraction`.",
  (valueIn: TensorLike, o: NameOption) => scoped(o.name ?? 'zero_fraction', () => {
    const value = toTensorInput(valueIn, undefined, 'value');
    const n = size(value);
    const nonzero = reduceSum(cast(notEqual(value, constant(0, { dtype: value.dtype, name: 'zero' })), 'int32'));
    const fraction = scoped('counts_to_fraction', () =>
      truedivOp(cast(sugar.sub(n, nonzero) as Tensor, 'float32'), cast(n, 'float32'), 'truediv'));
    return identity(fraction, 'fraction');
  }));
