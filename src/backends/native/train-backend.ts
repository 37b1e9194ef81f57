// The Backend's one-pass optimizer updates over the CPU addon's TrainKernels: outputs allocated here,
// argument checks and arithmetic in native/binding_train.cc and native/cpu/optim.cc.
import { allocateUninit } from '../../tensor/dtype.js';
import { NDArray } from '../../tensor/ndarray.js';
import type { AdamScalars, Backend } from '../backend.js';
import type { TrainKernels } from './addon-types.js';
import { smallGradientDescent, SMALL_SIZE } from './small-kernels.js';

export type TrainMethods = Required<Pick<Backend, 'applyGradientDescent' | 'applyMomentum' | 'applyAdam'>>;

const f32 = (a: NDArray) => a.data as Float32Array;
// The kernels write every element of every output (test/uninit-outputs.test.ts), so none is zeroed first.
// Result i goes into into[i] when the caller gives one of w's size (it is then no input of the kernel).
function like(w: NDArray, into: ReadonlyArray<NDArray | undefined> | undefined, i: number): NDArray {
  const given = into?.[i];
  if (given !== undefined && given.size === w.size && given.dtype === 'float32') return given;
  return new NDArray(allocateUninit('float32', w.size, w.shape), w.shape, 'float32');
}

export function trainMethods(k: TrainKernels): TrainMethods {
  return {
    applyGradientDescent(w, delta, alpha, into) {
      const out = like(w, into, 0);
      // A training loop's scalars skip the addon, as small-kernels.ts's ops do (the same bits); a delta of
      // another size is the kernel's to refuse.
      if (w.size <= SMALL_SIZE && delta.size === w.size) smallGradientDescent(f32(w), f32(delta), f32(out), alpha);
      else if (w.size > 0) k.applyGradientDescent(f32(w), f32(delta), f32(out), alpha);
      return out;
    },
    applyMomentum(w, accum, grad, lr, momentum, nesterov, into) {
      const [ow, oa] = [like(w, into, 0), like(w, into, 1)];
      if (w.size > 0) k.applyMomentum(f32(w), f32(accum), f32(grad), f32(ow), f32(oa), lr, momentum, nesterov);
      return [ow, oa];
    },
    applyAdam(w, m, v, grad, s: AdamScalars, into) {
      const [ow, om, ov] = [like(w, into, 0), like(w, into, 1), like(w, into, 2)];
      if (w.size > 0) {
        k.applyAdam(f32(w), f32(m), f32(v), f32(grad), f32(ow), f32(om), f32(ov),
          s.lrT, s.beta1, s.oneMinusBeta1, s.oneMinusBeta2, s.epsilon, s.nesterov);
      }
      return [ow, om, ov];
    },
  };
}
