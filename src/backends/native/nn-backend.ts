// The Backend's conv-net methods over the CPU addon's NnKernels: output shapes and allocation here,
// argument checks and arithmetic in native/binding_nn.cc and native/cpu/{conv,pool,xent}.cc.
import { allocate, allocateUninit } from '../../tensor/dtype.js';
import { NDArray } from '../../tensor/ndarray.js';
import { sizeOf } from '../../tensor/shape.js';
import type { Backend, Window2D } from '../backend.js';
import type { NnKernels } from './addon-types.js';

export type NnMethods = Required<Pick<Backend, 'conv2d' | 'conv2dBackpropInput' | 'conv2dBackpropFilter' |
  'maxPool' | 'maxPoolGrad' | 'avgPool' | 'avgPoolGrad' | 'softmaxCrossEntropy'>>;

// Calls are synchronous, so one dims array serves them all.
const dims = new Int32Array(15);

function pack(w: Window2D): Int32Array {
  dims[0] = w.batch; dims[1] = w.inH; dims[2] = w.inW; dims[3] = w.inC;
  dims[4] = w.kH; dims[5] = w.kW; dims[6] = w.outH; dims[7] = w.outW; dims[8] = w.outC;
  dims[9] = w.strideH; dims[10] = w.strideW; dims[11] = w.dilationH; dims[12] = w.dilationW;
  dims[13] = w.padTop; dims[14] = w.padLeft;
  return dims;
}

/**
 * A float32 result; an impossible size is ResourceExhaustedError. Unzeroed when its kernel runs (`runs`):
 * every kernel here writes all of its output itself (the scattering gradients zero it first, natively),
 * shown with poisoned memory by test/uninit-outputs.test.ts. Zeroed when the kernel is skipped, where the
 * zeros are the answer.
 */
function result(shape: number[], runs: boolean): NDArray {
  const size = sizeOf(shape);
  return new NDArray((runs ? allocateUninit : allocate)('float32', size, shape), shape, 'float32');
}

const f32 = (a: NDArray) => a.data as Float32Array;

/**
 * The methods, for Object.assign onto a CPU backend. A kernel runs only when all its arrays are non-empty:
 * otherwise a zeroed output is the answer (an empty sum), and the addon's checks, which want spatial
 * sizes >= 1, need not see it.
 */
export function nnMethods(k: NnKernels): NnMethods {
  const xShape = (w: Window2D) => [w.batch, w.inH, w.inW, w.inC];
  const yShape = (w: Window2D) => [w.batch, w.outH, w.outW, w.outC];
  const fShape = (w: Window2D) => [w.kH, w.kW, w.inC, w.outC];
  return {
    conv2d(x, filter, w) {
      const shape = yShape(w);
      const runs = sizeOf(shape) > 0 && x.size > 0 && filter.size > 0;
      const y = result(shape, runs);
      if (runs) k.conv2d(f32(x), f32(filter), f32(y), pack(w));
      return y;
    },
    conv2dBackpropInput(filter, dy, w) {
      const shape = xShape(w);
      const runs = sizeOf(shape) > 0 && dy.size > 0 && filter.size > 0;
      const dx = result(shape, runs);
      if (runs) k.conv2dBackpropInput(f32(filter), f32(dy), f32(dx), pack(w));
      return dx;
    },
    conv2dBackpropFilter(x, dy, w) {
      const shape = fShape(w);
      const runs = sizeOf(shape) > 0 && x.size > 0 && dy.size > 0;
      const df = result(shape, runs);
      if (runs) k.conv2dBackpropFilter(f32(x), f32(dy), f32(df), pack(w));
      return df;
    },
    maxPool(x, w) {
      const shape = yShape(w);
      const runs = sizeOf(shape) > 0 && x.size > 0;
      const y = result(shape, runs);
      if (runs) k.maxPool(f32(x), f32(y), pack(w));
      return y;
    },
    maxPoolGrad(x, dy, w) {
      const shape = xShape(w);
      const runs = sizeOf(shape) > 0 && dy.size > 0;
      const dx = result(shape, runs);
      if (runs) k.maxPoolGrad(f32(x), f32(dy), f32(dx), pack(w));
      return dx;
    },
    avgPool(x, w) {
      const shape = yShape(w);
      const runs = sizeOf(shape) > 0 && x.size > 0;
      const y = result(shape, runs);
      if (runs) k.avgPool(f32(x), f32(y), pack(w));
      return y;
    },
    avgPoolGrad(dy, w) {
      const shape = xShape(w);
      const runs = sizeOf(shape) > 0 && dy.size > 0;
      const dx = result(shape, runs);
      if (runs) k.avgPoolGrad(f32(dy), f32(dx), pack(w));
      return dx;
    },
    softmaxCrossEntropy(logits, labels) {
      const [batch, classes] = logits.shape;
      const runs = batch * classes > 0;
      const loss = result([batch], runs);
      const backprop = result([batch, classes], runs);
      if (runs) k.softmaxCrossEntropy(f32(logits), f32(labels), f32(loss), f32(backprop), batch, classes);
      return [loss, backprop];
    },
  };
}
