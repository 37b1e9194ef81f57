// Pieces TF 1.15's gradient functions share: the equal-shapes test and the BroadcastGradientArgs pattern
// that sums a gradient back down to an input's shape.
import { attr } from '../engine/attrs.js';
import { executingEagerly } from '../engine/mode.js';
import type { Tensor } from '../graph/tensor.js';
import { applyOp, applyOp1 } from '../ops/apply.js';
import { reshape, shape } from '../ops/array.js';
import { reductionAttrs } from '../ops/defs/reduce-defs.js';
import { shapesEqual } from '../tensor/shape.js';

/** TF's _ShapesFullySpecifiedAndEqual: the gradient needs no broadcasting undone. */
export function shapesFullySpecifiedAndEqual(x: Tensor, y: Tensor, grad: Tensor): boolean {
  const a = x.shape;
  if (!a.isFullyDefined) return false;
  const dims = a.dims as number[];
  const same = (t: Tensor) => t.shape.isFullyDefined && shapesEqual(dims, t.shape.dims as number[]);
  return same(y) && same(grad);
}

/** The shapes of x and y and the axes each one's gradient must be summed over. */
export interface BroadcastArgs {
  sx: Tensor;
  sy: Tensor;
  rx: Tensor;
  ry: Tensor;
}

/** `Shape`, `Shape_1`, `BroadcastGradientArgs`, created in TF's order. */
export function broadcastGradientArgs(x: Tensor, y: Tensor): BroadcastArgs {
  const sx = shape(x);
  const sy = shape(y);
  const [rx, ry] = applyOp('BroadcastGradientArgs', [sx, sy], { T: attr.type('int32') });
  return { sx, sy, rx, ry };
}

/** TF's `reshape(reduce_sum(g, r), s)`: ops `Sum` and `Reshape`. */
export function sumTo(g: Tensor, r: Tensor, s: Tensor): Tensor {
  return reshape(sumAxes(g, r), s);
}

/** `Sum` over an axes tensor, as math_ops.reduce_sum(x, axes) with a tensor axis builds it. */
export function sumAxes(g: Tensor, axes: Tensor | number[], keepDims = false): Tensor {
  return applyOp1('Sum', [g, axes], reductionAttrs(keepDims));
}

/**
 * Eager mode knows every shape, so a gradient that already has the input's shape needs no reduction; the
 * graph keeps TF 1.15's ops (Shape, BroadcastGradientArgs, Sum, Reshape) so learners see the same graph.
 */
export function eagerSameShape(x: Tensor, g: Tensor): boolean {
  return executingEagerly() && shapesEqual(x.shape.dims as number[], g.shape.dims as number[]);
}

/** True when gradient function input `i` is wanted (eager mode may skip inputs no source depends on). */
export function wanted(op: { skipInputIndices?: ReadonlySet<number> }, i: number): boolean {
  return !op.skipInputIndices?.has(i);
}

/**
 * The two input gradients of a broadcasting binary op: graph mode builds TF 1.15's Shape, Shape_1,
 * BroadcastGradientArgs, then `Reshape(Sum(gx, rx), sx)` and the same for y; eager mode reduces only
 * where a shape actually differs, and skips inputs no source needs.
 */
export function unbroadcast(op: { inputs: readonly Tensor[]; skipInputIndices?: ReadonlySet<number> },
  gx: (() => Tensor) | null, gy: (() => Tensor) | null): [Tensor | null, Tensor | null] {
  const [x, y] = op.inputs;
  if (executingEagerly()) {
    const a = gx && wanted(op, 0) ? gx() : null;
    const b = gy && wanted(op, 1) ? gy() : null;
    const needs = (t: Tensor, g: Tensor | null) => g !== null && !eagerSameShape(t, g);
    if (!needs(x, a) && !needs(y, b)) return [a, b];
    const args = broadcastGradientArgs(x, y);
    return [a && (needs(x, a) ? sumTo(a, args.rx, args.sx) : a), b && (needs(y, b) ? sumTo(b, args.ry, args.sy) : b)];
  }
  const args = broadcastGradientArgs(x, y);
  const a = gx ? sumTo(gx(), args.rx, args.sx) : null;
  const b = gy ? sumTo(gy(), args.ry, args.sy) : null;
  return [a, b];
}
