// Conv2D and its two gradient ops (TF's names, inputs and attrs: strides, padding, explicit_paddings,
// data_format, dilations). Shapes follow TF's Conv2DShape at build time; the kernels check again at run
// time with the messages TF's kernels give, since eager mode runs only the kernel.
import { attrValue } from '../../engine/attrs.js';
import { registerOpDef, ShapeError, type Attrs, type TensorSpec } from '../../engine/registry.js';
import { InvalidArgumentError } from '../../errors.js';
import type { Backend } from '../../backends/backend.js';
import type { NDArray } from '../../tensor/ndarray.js';
import { shapeString, type Dim } from '../../tensor/shape.js';
import { FLOAT, ints, requireRank, spec, val } from './helpers.js';
import { checkSpatialOnly, require4D, staticWindowOutput, window2D, windowAttrs } from './window.js';

/** The CPU formats: TF's CPU kernels take NHWC only. */
export function checkDataFormat(attrs: Attrs, op: string): void {
  const format = attrs.data_format ? attrValue<string>(attrs.data_format) : 'NHWC';
  if (format !== 'NHWC') {
    throw new InvalidArgumentError(`The ${op} op currently only supports the NHWC tensor format on the CPU. The op was given the format: ${format}`);
  }
}

/** A backend method the GPU backends lack: those ops are placed on the CPU (OpDef.cpuOnly), so this is a bug guard. */
export function nnKernel<K extends keyof Backend>(backend: Backend, name: K): NonNullable<Backend[K]> {
  const fn = backend[name];
  if (typeof fn !== 'function') throw new InvalidArgumentError(`No ${String(name)} kernel on ${backend.deviceType}`);
  return (fn as (...args: never[]) => unknown).bind(backend) as NonNullable<Backend[K]>;
}

function staticConv(input: readonly Dim[] | null, filter: readonly Dim[] | null, attrs: Attrs): Dim[] | null {
  const a = windowAttrs(attrs);
  const [n, h, w, c] = input ?? [null, null, null, null];
  const [kh, kw, fc, o] = filter ?? [null, null, null, null];
  if (c !== null && fc !== null && c !== fc) throw new ShapeError(`Dimensions must be equal, but are ${c} and ${fc}`);
  const [oh, ow] = staticWindowOutput(h, w, kh, kw, a);
  return [n, oh, ow, o];
}

/** Run-time checks of Conv2D's operands (TF 2's kernel messages), then the window. */
function convWindow(x: readonly number[], f: readonly number[], attrs: Attrs) {
  require4D(x, 'input');
  if (f.length !== 4) throw new InvalidArgumentError(`filter must be 4-dimensional: ${shapeString(f)}`);
  if (x[3] !== f[2]) throw new InvalidArgumentError(`input depth must be evenly divisible by filter depth: ${x[3]} vs ${f[2]}`);
  const a = windowAttrs(attrs);
  checkSpatialOnly(a);
  return window2D(x, f[0], f[1], f[3], a);
}

registerOpDef({
  type: 'Conv2D',
  inputNames: ['input', 'filter'],
  typeGroup: { attr: 'T', inputs: [0, 1], allowed: FLOAT },
  cpuOnly: true,
  inferOutputs([x, f], attrs) {
    checkDataFormat(attrs, 'Conv2D');
    requireRank(x.shape, 4);
    requireRank(f.shape, 4);
    return [spec(x.dtype, staticConv(x.shape.dims, f.shape.dims, attrs))];
  },
  kernel(inputs, attrs, ctx) {
    checkDataFormat(attrs, 'Conv2D');
    const x = val(inputs, 0);
    const f = val(inputs, 1);
    return [nnKernel(ctx.backend, 'conv2d')(x, f, convWindow(x.shape, f.shape, attrs))];
  },
});

/** A 1-D int32 sizes input (input_sizes / filter_sizes) of 4 entries. */
function sizesInput(s: TensorSpec, what: string): Dim[] | null {
  requireRank(s.shape, 1);
  if (s.constValue !== undefined) {
    const v = ints(s.constValue);
    if (v.length !== 4) throw new ShapeError(`Conv2D${what} requires ${what === 'BackpropInput' ? 'input_sizes' : 'filter_sizes'} to contain 4 values, but got: ${v.length}`);
    return [...v];
  }
  return s.partialValue ? [...s.partialValue] : null;
}

function sizesValue(x: NDArray, name: string): number[] {
  const v = ints(x);
  if (x.rank !== 1 || v.length !== 4) throw new InvalidArgumentError(`Conv2DBackprop${name}: ${name === 'Input' ? 'input_sizes' : 'filter_sizes'} must be 1-dimensional with 4 elements, got ${shapeString(x.shape)}`);
  return [...v];
}

/** dy must have the shape the forward conv of these sizes gives. */
function checkOutBackprop(dy: NDArray, expected: readonly number[], op: string): void {
  if (dy.rank !== 4 || dy.shape.some((d, i) => d !== expected[i])) {
    throw new InvalidArgumentError(`${op}: Size of out_backprop doesn't match computed: actual = ${shapeString(dy.shape)}, computed = ${shapeString(expected)}`);
  }
}

function backpropWindow(xShape: number[], fShape: number[], dy: NDArray, attrs: Attrs, op: string) {
  checkDataFormat(attrs, op);
  const w = convWindow(xShape, fShape, attrs);
  checkOutBackprop(dy, [w.batch, w.outH, w.outW, w.outC], op);
  return w;
}

registerOpDef({
  type: 'Conv2DBackpropInput',
  inputNames: ['input_sizes', 'filter', 'out_backprop'],
  typeGroup: { attr: 'T', inputs: [1, 2], allowed: FLOAT },
  literalDTypes: ['int32'],
  cpuOnly: true,
  inferOutputs([sizes, f, dy], attrs) {
    requireRank(f.shape, 4);
    requireRank(dy.shape, 4);
    const dims = sizesInput(sizes, 'BackpropInput');
    return [spec(f.dtype, dims ?? [null, null, null, null])];
  },
  kernel(inputs, attrs, ctx) {
    const xShape = sizesValue(val(inputs, 0), 'Input');
    const f = val(inputs, 1);
    const dy = val(inputs, 2);
    const w = backpropWindow(xShape, [...f.shape], dy, attrs, 'Conv2DBackpropInput');
    return [nnKernel(ctx.backend, 'conv2dBackpropInput')(f, dy, w)];
  },
});

registerOpDef({
  type: 'Conv2DBackpropFilter',
  inputNames: ['input', 'filter_sizes', 'out_backprop'],
  typeGroup: { attr: 'T', inputs: [0, 2], allowed: FLOAT },
  literalDTypes: [undefined, 'int32'],
  cpuOnly: true,
  inferOutputs([x, sizes, dy], attrs) {
    requireRank(x.shape, 4);
    requireRank(dy.shape, 4);
    const dims = sizesInput(sizes, 'BackpropFilter');
    return [spec(x.dtype, dims ?? [null, null, null, null])];
  },
  kernel(inputs, attrs, ctx) {
    const x = val(inputs, 0);
    const fShape = sizesValue(val(inputs, 1), 'Filter');
    const dy = val(inputs, 2);
    const w = backpropWindow([...x.shape], fShape, dy, attrs, 'Conv2DBackpropFilter');
    return [nnKernel(ctx.backend, 'conv2dBackpropFilter')(x, dy, w)];
  },
});
