// TF 1.15's optimizer update ops (core/ops/training_ops.cc, core/kernels/training_ops.cc): ApplyGradientDescent,
// ApplyMomentum, ApplyAdam. Each kernel reads its variable and slot refs, checks shapes with TF's kernel messages,
// computes with the device backend (one native pass on the CPU, bit-identical to the composed form kept for GPUs),
// and writes every ref only after all of that succeeded, so a failed update leaves the variable and its slots as they were.
import { registerOpDef, type Attrs, type KernelContext, type KernelInput, type OpDef, type TensorSpec,
  type VariableRef } from '../../engine/registry.js';
import type { Backend } from '../../backends/backend.js';
import { BinaryOp, UnaryOp } from '../../backends/native/opcodes.js';
import { FailedPreconditionError, InvalidArgumentError } from '../../errors.js';
import { NDArray } from '../../tensor/ndarray.js';
import { shapesEqual, shapeString } from '../../tensor/shape.js';
import { boolAttr, FLOAT, requireRank, spec, val } from './helpers.js';
import { mergeShapes } from './support-checks.js';

type Kernel = (inputs: readonly KernelInput[], attrs: Attrs, ctx: KernelContext) => KernelInput[];

/** TF's shape functions walk the inputs in order: hyper-parameters must be rank 0, the rest merge with var. */
function inferUpdate(scalars: readonly number[]) {
  return (inputs: readonly TensorSpec[]): TensorSpec[] => {
    let shape = inputs[0].shape;
    for (let i = 1; i < inputs.length; i++) {
      if (scalars.includes(i)) requireRank(inputs[i].shape, 0);
      else shape = mergeShapes(shape, inputs[i].shape);
    }
    return [spec(inputs[0].dtype, shape)];
  };
}

function updateDef(type: string, inputNames: readonly string[], refCount: number, scalars: readonly number[], kernel: Kernel): OpDef {
  return {
    type,
    inputNames,
    refInputs: inputNames.slice(0, refCount).map((_, i) => i),
    stateful: true,
    typeGroup: { attr: 'T', inputs: inputNames.map((_, i) => i), allowed: FLOAT },
    inferOutputs: inferUpdate(scalars),
    kernel,
  };
}

function refAt(inputs: readonly KernelInput[], i: number): VariableRef {
  const r = inputs[i];
  if (!('isRef' in r)) throw new Error(`expected a variable reference at input ${i}`);
  return r;
}

/** TF's training kernels check every ref first and name the input, not the value, unlike a plain read. */
function readRef(ref: VariableRef): NDArray {
  if (!ref.initialized) throw new FailedPreconditionError(`Attempting to use uninitialized variables: ${ref.name}`);
  return ref.read();
}

/** Input `i` as a hyper-parameter; `prefix` is TF's kernel text, e.g. 'alpha is not a scalar: '. */
function scalarAt(inputs: readonly KernelInput[], i: number, prefix: string): NDArray {
  const x = val(inputs, i);
  if (x.rank !== 0) throw new InvalidArgumentError(`${prefix}${shapeString(x.shape)}`);
  return x;
}

function requireSameShape(v: NDArray, x: NDArray, name: string): void {
  if (!shapesEqual(v.shape, x.shape)) {
    throw new InvalidArgumentError(`var and ${name} do not have the same shape${shapeString(v.shape)} ${shapeString(x.shape)}`);
  }
}

const ONE = new NDArray(new Float32Array([1]), [], 'float32');

/** Elementwise arithmetic on the run's device, one rounding per step as in TF's Eigen functors. */
function arith(b: Backend) {
  return {
    add: (x: NDArray, y: NDArray) => b.binary(BinaryOp.Add, x, y),
    sub: (x: NDArray, y: NDArray) => b.binary(BinaryOp.Sub, x, y),
    mul: (x: NDArray, y: NDArray) => b.binary(BinaryOp.Mul, x, y),
    div: (x: NDArray, y: NDArray) => b.binary(BinaryOp.Div, x, y),
    sqrt: (x: NDArray) => b.unary(UnaryOp.Sqrt, x),
    square: (x: NDArray) => b.unary(UnaryOp.Square, x),
  };
}

/**
 * Buffers the one-pass updates may overwrite (a Session's recycled former values: session-state.ts), one per
 * ref, checked against `w` — never a buffer any input of this update uses, since a spare is no current value.
 */
function spares(refs: readonly VariableRef[], w: NDArray): Array<NDArray | undefined> {
  return refs.map((r) => r.spare?.(w));
}

/** var ← var − delta·alpha. */
const applyGradientDescent: Kernel = (inputs, _attrs, ctx) => {
  const varRef = refAt(inputs, 0);
  const w = readRef(varRef);
  const alpha = scalarAt(inputs, 1, 'alpha is not a scalar: ');
  const delta = val(inputs, 2);
  requireSameShape(w, delta, 'delta');
  if (ctx.backend.applyGradientDescent && w.dtype === 'float32') {
    varRef.write(ctx.backend.applyGradientDescent(w, delta, alpha.data[0], spares([varRef], w)), true);
    return [varRef];
  }
  const a = arith(ctx.backend);
  varRef.write(a.sub(w, a.mul(delta, alpha)));
  return [varRef];
};

/** accum ← accum·momentum + grad; var ← var − accum·lr, or with Nesterov var ← var − (grad·lr + accum·momentum·lr). */
const applyMomentum: Kernel = (inputs, attrs, ctx) => {
  const [varRef, accumRef] = [refAt(inputs, 0), refAt(inputs, 1)];
  const [w, accum] = [readRef(varRef), readRef(accumRef)];
  const lr = scalarAt(inputs, 2, 'lr is not a scalar: ');
  const grad = val(inputs, 3);
  requireSameShape(w, accum, 'accum');
  requireSameShape(w, grad, 'grad');
  const momentum = scalarAt(inputs, 4, 'momentum is not a scalar: ');
  if (ctx.backend.applyMomentum && w.dtype === 'float32') {
    const [nw, na] = ctx.backend.applyMomentum(w, accum, grad, lr.data[0], momentum.data[0], boolAttr(attrs, 'use_nesterov'),
      spares([varRef, accumRef], w));
    accumRef.write(na, true);
    varRef.write(nw, true);
    return [varRef];
  }
  const a = arith(ctx.backend);
  const newAccum = a.add(a.mul(accum, momentum), grad);
  const step = boolAttr(attrs, 'use_nesterov')
    ? a.add(a.mul(grad, lr), a.mul(a.mul(newAccum, momentum), lr))
    : a.mul(newAccum, lr);
  const newVar = a.sub(w, step);
  accumRef.write(newAccum);
  varRef.write(newVar);
  return [varRef];
};

// TF's ApplyAdam kernel really writes 'lr is not a scalar : ' (space before the colon); kept so texts match.
const ADAM_SCALARS = ['beta1_power is not a scalar: ', 'beta2_power is not a scalar: ', 'lr is not a scalar : ',
  'beta1 is not a scalar: ', 'beta2 is not a scalar: ', 'epsilon is not a scalar: '];

/**
 * lr_t = lr·√(1 − beta2_power)/(1 − beta1_power); m ← m + (grad − m)·(1 − beta1); v ← v + (grad² − v)·(1 − beta2);
 * var ← var − m·lr_t/(√v + epsilon), or with Nesterov (grad·(1 − beta1) + beta1·m) in place of m.
 */
const applyAdam: Kernel = (inputs, attrs, ctx) => {
  const refs = [0, 1, 2].map((i) => refAt(inputs, i));
  const [w, m, v] = refs.map(readRef);
  const [beta1Power, beta2Power, lr, beta1, beta2, epsilon] = ADAM_SCALARS.map((prefix, k) => scalarAt(inputs, 3 + k, prefix));
  const grad = val(inputs, 9);
  requireSameShape(w, m, 'm');
  requireSameShape(w, v, 'v');
  requireSameShape(w, grad, 'grad');
  const a = arith(ctx.backend);
  const lrT = a.div(a.mul(lr, a.sqrt(a.sub(ONE, beta2Power))), a.sub(ONE, beta1Power));
  const oneMinusBeta1 = a.sub(ONE, beta1);
  if (ctx.backend.applyAdam && w.dtype === 'float32') {
    const out = ctx.backend.applyAdam(w, m, v, grad, {
      lrT: lrT.data[0], beta1: beta1.data[0], oneMinusBeta1: oneMinusBeta1.data[0], oneMinusBeta2: a.sub(ONE, beta2).data[0],
      epsilon: epsilon.data[0], nesterov: boolAttr(attrs, 'use_nesterov'),
    }, spares(refs, w));
    out.forEach((x, i) => refs[i].write(x, true));
    return [refs[0]];
  }
  const newM = a.add(m, a.mul(a.sub(grad, m), oneMinusBeta1));
  const newV = a.add(v, a.mul(a.sub(a.square(grad), v), a.sub(ONE, beta2)));
  const direction = boolAttr(attrs, 'use_nesterov') ? a.add(a.mul(grad, oneMinusBeta1), a.mul(beta1, newM)) : newM;
  const newVar = a.sub(w, a.div(a.mul(direction, lrT), a.add(a.sqrt(newV), epsilon)));
  [newVar, newM, newV].forEach((x, i) => refs[i].write(x));
  return [refs[0]];
};

registerOpDef(updateDef('ApplyGradientDescent', ['var', 'alpha', 'delta'], 1, [1], applyGradientDescent));
registerOpDef(updateDef('ApplyMomentum', ['var', 'accum', 'lr', 'grad', 'momentum'], 2, [2, 4], applyMomentum));
registerOpDef(updateDef('ApplyAdam', ['var', 'm', 'v', 'beta1_power', 'beta2_power', 'lr', 'beta1', 'beta2', 'epsilon', 'grad'],
  3, [3, 4, 5, 6, 7, 8], applyAdam));
