// tf.nn's convolution and pooling functions, with TF 1.15's Python-side argument handling
// (_get_sequence for strides/ksize/dilations, _convert_padding for explicit padding lists, the op
// attributes' allowed values) in front of the ops in defs/nn-defs.ts and defs/pool-defs.ts.
import { attr } from '../engine/attrs.js';
import { NotImplementedError, ValueError } from '../errors.js';
import type { Tensor } from '../graph/tensor.js';
import { applyOp1, type TensorLike } from './apply.js';
import { declare } from './declare.js';
import type { NameOption } from './scope.js';

/** TF's _get_sequence: an int or a list of 1, 2 or 4 entries → the 4-entry NHWC attribute. */
export function getSequence(value: number | readonly number[] | undefined, name: string): number[] {
  const v = value === undefined ? [1] : typeof value === 'number' ? [value] : [...value];
  if (v.length === 4) return v;
  if (v.length === 1) return [1, v[0], v[0], 1];
  if (v.length === 2) return [1, v[0], v[1], 1];
  throw new ValueError(`${name} should be of length 1, 2 or 4 but was ${v.length}`);
}

/** An attr string checked against the op's allowed values, with op_def_library's message. */
function allowedString(value: unknown, attrName: string, op: string, allowed: readonly string[]): string {
  if (typeof value !== 'string') throw new TypeError(`Expected string for argument '${attrName}' not ${JSON.stringify(value)}.`);
  if (!allowed.includes(value)) {
    throw new ValueError(`Attr '${attrName}' of '${op}' Op passed string '${value}' not in: ${allowed.map((a) => `"${a}"`).join(', ')}.`);
  }
  return value;
}

/** TF's _convert_padding: a string, or a list of 4 [before, after] pairs for EXPLICIT padding. */
function convertPadding(padding: unknown): { padding: string; explicit: number[] } {
  if (padding === 'EXPLICIT') {
    throw new ValueError('"EXPLICIT" is not a valid value for the padding parameter. To use explicit padding, the padding parameter must be a list.');
  }
  if (!Array.isArray(padding)) return { padding: allowedString(padding, 'padding', 'Conv2D', ['SAME', 'VALID', 'EXPLICIT']), explicit: [] };
  const explicit: number[] = [];
  padding.forEach((pair: unknown, i) => {
    if (!Array.isArray(pair)) {
      throw new ValueError(`When padding is a list, each element of padding must be a list/tuple of size 2. Element with index ${i} of padding is not a list/tuple`);
    }
    if (pair.length !== 2) {
      throw new ValueError(`When padding is a list, each element of padding must be a list/tuple of size 2. Element with index ${i} of padding has size ${pair.length}`);
    }
    for (const p of pair) {
      if (!Number.isInteger(p) || p < 0) throw new ValueError(`All elements of explicit_paddings must be nonnegative, got ${String(p)}`);
      explicit.push(p as number);
    }
  });
  if (padding.length !== 4) throw new ValueError(`When padding is a list, it must be of size 4. Got padding of size: ${padding.length}`);
  return { padding: 'EXPLICIT', explicit };
}

function dataFormat(value: string | undefined, op: string): string {
  return value === undefined ? 'NHWC' : allowedString(value, 'data_format', op, ['NHWC', 'NCHW']);
}

export interface Conv2DOptions extends NameOption {
  useCudnnOnGpu?: boolean;
  dataFormat?: string;
  dilations?: number | readonly number[];
}

type Ints = number | readonly number[];

export const conv2d: (input: TensorLike, filter: TensorLike, strides: Ints, padding: string | number[][], useCudnnOnGpu?: boolean | Conv2DOptions, dataFormat?: string, dilations?: Ints, name?: string) => Tensor = declare(
  'nn.conv2d(input: Tensor, filter: Tensor, strides: int | int[], padding: string | int[][], useCudnnOnGpu?: boolean, dataFormat?: string, dilations?: int | int[], name?: string): Tensor',
  "2-D convolution of NHWC input [batch, h, w, inC] with an HWIO filter [kh, kw, inC, outC]: op `Conv2D`. strides/dilations: an int, [h, w] or TF's [1, h, w, 1]; padding 'SAME', 'VALID' or [[0,0],[top,bottom],[left,right],[0,0]].",
  (input: TensorLike, filter: TensorLike, strides: Ints, padding: unknown, o: Conv2DOptions) => {
    const p = convertPadding(padding);
    const attrs = {
      strides: attr.listI(getSequence(strides, 'strides')),
      use_cudnn_on_gpu: attr.b(o.useCudnnOnGpu ?? true),
      padding: attr.s(p.padding),
      explicit_paddings: attr.listI(p.explicit),
      data_format: attr.s(dataFormat(o.dataFormat, 'Conv2D')),
      dilations: attr.listI(getSequence(o.dilations, 'dilations')),
    };
    return applyOp1('Conv2D', [input, filter], attrs, { name: o.name });
  });

export interface PoolOptions extends NameOption {
  dataFormat?: string;
}

function pool(fn: string, type: string, doc: string) {
  return declare<(value: TensorLike, ksize: Ints, strides: Ints, padding: string, dataFormat?: string | PoolOptions, name?: string) => Tensor>(
    `nn.${fn}(value: Tensor, ksize: int | int[], strides: int | int[], padding: string, dataFormat?: string, name?: string): Tensor`, doc,
    (value: TensorLike, ksize: Ints, strides: Ints, padding: unknown, o: PoolOptions) => {
      const attrs = {
        ksize: attr.listI(getSequence(ksize, 'ksize')),
        strides: attr.listI(getSequence(strides, 'strides')),
        padding: attr.s(allowedString(padding, 'padding', type, ['SAME', 'VALID'])),
        data_format: attr.s(dataFormat(o.dataFormat, type)),
      };
      return applyOp1(type, [value], attrs, { name: o.name });
    });
}

export const maxPool = pool('maxPool', 'MaxPool',
  "Max over each ksize window of NHWC input: op `MaxPool` (`tf.nn.maxPool(h, [1, 2, 2, 1], [1, 2, 2, 1], 'SAME')` halves h and w).");
export const avgPool = pool('avgPool', 'AvgPool',
  'Mean over each ksize window (padding not counted, as TF): op `AvgPool`.');

export const biasAdd: (value: TensorLike, bias: TensorLike, dataFormat?: string | PoolOptions, name?: string) => Tensor = declare(
  'nn.biasAdd(value: Tensor, bias: Tensor, dataFormat?: string, name?: string): Tensor',
  'value + bias, the 1-D bias added along the last (channel) axis: op `BiasAdd` (gradient `BiasAddGrad`).',
  (value: TensorLike, bias: TensorLike, o: PoolOptions) => {
    const format = dataFormat(o.dataFormat, 'BiasAdd');
    if (format !== 'NHWC') throw new NotImplementedError("tf.nn.biasAdd(): tensorshell adds the bias along the last axis only (dataFormat 'NHWC').");
    return applyOp1('BiasAdd', [value, bias], { data_format: attr.s(format) }, { name: o.name });
  });
