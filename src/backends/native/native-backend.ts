// A Backend over one native KernelSet (the CPU kernels, or the CUDA ones). This file does the
// bookkeeping the C++ side should not: output shapes, broadcasting strides, allocation, TF's messages.
import { InvalidArgumentError } from '../../errors.js';
import { allocate, allocateUninit, type DType } from '../../tensor/dtype.js';
import { NDArray } from '../../tensor/ndarray.js';
import { broadcastShapes, shapeString, shapesEqual, sizeOf } from '../../tensor/shape.js';
import type { Backend } from '../backend.js';
import type { KernelSet } from './addon-types.js';
import { BinaryOp } from './opcodes.js';
import { runBinary, runUnary, smallBinary, smallUnary, SMALL_SIZE } from './small-kernels.js';

function isComparison(op: number): boolean {
  return op >= BinaryOp.Equal && op <= BinaryOp.LessEqual;
}

/** Row-major strides of `shape` aligned to an output of rank `rank`, with 0 on broadcast axes. */
function broadcastStrides(shape: readonly number[], outShape: readonly number[]): Int32Array {
  const rank = outShape.length;
  const strides = new Int32Array(rank);
  let stride = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    const o = i + rank - shape.length;
    strides[o] = shape[i] === 1 && outShape[o] !== 1 ? 0 : stride;
    stride *= shape[i];
  }
  return strides;
}

export function createNativeBackend(deviceType: string, k: KernelSet): Backend {
  // The JS path for tiny tensors is for the CPU only: an op placed on a GPU runs there.
  const small = deviceType === 'CPU';
  // Every CPU kernel below writes each element of its output (shown with poisoned memory by
  // test/uninit-outputs.test.ts), so outputs skip the zeroing; the GPU path keeps zeroed arrays.
  const output = deviceType === 'CPU' ? allocateUninit : allocate;
  return {
    deviceType,

    binary(op, a, b) {
      const outDType: DType = isComparison(op) ? 'bool' : a.dtype;
      let outShape: readonly number[];
      if (shapesEqual(a.shape, b.shape)) outShape = a.shape;
      else if (b.size === 1 && b.shape.length <= a.shape.length) outShape = a.shape;
      else if (a.size === 1 && a.shape.length <= b.shape.length) outShape = b.shape;
      else {
        const shape = broadcastShapes(a.shape, b.shape);
        if (shape === null) {
          throw new InvalidArgumentError(`Incompatible shapes: ${shapeString(a.shape)} vs. ${shapeString(b.shape)}`);
        }
        const out = output(outDType, sizeOf(shape), shape);
        if (out.length > 0) {
          k.binaryBroadcast(op, a.data, b.data, out, Int32Array.from(shape),
            broadcastStrides(a.shape, shape), broadcastStrides(b.shape, shape));
        }
        return new NDArray(out, shape, outDType);
      }
      const out = output(outDType, sizeOf(outShape));
      const js = small && out.length <= SMALL_SIZE ? smallBinary(op, a.dtype) : undefined;
      if (js) runBinary(js, a.data, b.data, out);
      else if (out.length > 0) k.binary(op, a.data, b.data, out);
      return new NDArray(out, outShape, outDType);
    },

    unary(op, x) {
      const out = output(x.dtype, x.size);
      const js = small && out.length <= SMALL_SIZE ? smallUnary(op, x.dtype) : undefined;
      if (js) runUnary(js, x.data, out);
      else if (out.length > 0) k.unary(op, x.data, out);
      return new NDArray(out, x.shape, x.dtype);
    },

    reduce(op, x, axes, keepDims) {
      let data = x.data;
      let shape = [...x.shape];
      // Reduce one axis at a time from the last, so each native call sees a contiguous [outer, mid, inner] view.
      for (let j = axes.length - 1; j >= 0; j--) {
        const axis = axes[j];
        const outer = sizeOf(shape.slice(0, axis));
        const inner = sizeOf(shape.slice(axis + 1));
        const out = output(x.dtype, outer * inner);
        if (out.length > 0) k.reduce(op, data, out, outer, shape[axis], inner);
        data = out;
        shape[axis] = 1;
      }
      const outShape = keepDims ? shape : shape.filter((_, i) => !axes.includes(i));
      return new NDArray(data, outShape, x.dtype);
    },

    argReduce(op, x, axis) {
      const outer = sizeOf(x.shape.slice(0, axis));
      const inner = sizeOf(x.shape.slice(axis + 1));
      if (x.shape[axis] === 0) throw new InvalidArgumentError('Reduction axis is empty in ArgMax/ArgMin');
      const out = output('int32', outer * inner) as Int32Array;
      if (out.length > 0) k.argReduce(op, x.data, out, outer, x.shape[axis], inner);
      return new NDArray(out, x.shape.filter((_, i) => i !== axis), 'int32');
    },

    matmul(a, b, transA, transB) {
      const [m, ka] = transA ? [a.shape[1], a.shape[0]] : [a.shape[0], a.shape[1]];
      const [kb, n] = transB ? [b.shape[1], b.shape[0]] : [b.shape[0], b.shape[1]];
      if (ka !== kb) {
        throw new InvalidArgumentError(`Matrix size-incompatible: In[0]: ${shapeString(a.shape)}, In[1]: ${shapeString(b.shape)}`);
      }
      const out = output(a.dtype, m * n);
      if (out.length > 0) k.matmul(a.data, b.data, out, m, n, ka, transA, transB);
      return new NDArray(out, [m, n], a.dtype);
    },

    transpose(x, perm) {
      const outShape = perm.map((p) => x.shape[p]);
      const out = output(x.dtype, x.size);
      if (out.length > 0) k.transpose(x.data, out, Int32Array.from(x.shape), Int32Array.from(perm));
      return new NDArray(out, outShape, x.dtype);
    },

    cast(x, dtype) {
      const out = output(dtype, x.size);
      if (out.length > 0) k.cast(x.data, out);
      return new NDArray(out, x.shape, dtype);
    },

    random(kind, shape, seed, stream, counter) {
      const out = output('float32', sizeOf(shape)) as Float32Array;
      if (out.length > 0) k.random(kind, out, seed, stream, counter);
      return new NDArray(out, shape, 'float32');
    },

    zeroOut(x, index) {
      const out = output(x.dtype, x.size);
      k.zeroOut(x.data, out, index);
      return new NDArray(out, x.shape, x.dtype);
    },
  };
}
