// The gradient registry: one function per op type, written with ordinary op functions, so the same
// definition builds `gradients/mul_grad/Mul` in a graph and computes values at once under a GradientTape.
import type { Attrs } from '../engine/registry.js';
import { getOpDef } from '../engine/registry.js';
import { LookupError, ValueError } from '../errors.js';
import type { Tensor } from '../graph/tensor.js';

/** What a gradient function sees of the op it differentiates: a graph Operation, or an eager op's record. */
export interface GradOp {
  readonly type: string;
  /** The op's name in a graph ('mul'); the op type in eager mode. */
  readonly name: string;
  readonly inputs: readonly Tensor[];
  readonly outputs: readonly Tensor[];
  readonly attrs: Readonly<Attrs>;
  getAttr(name: string): unknown;
  /**
   * Eager mode only (TF's `op.skip_input_indices`): inputs no source depends on, whose gradients are
   * thrown away, so a gradient function may skip computing them. Undefined in graph mode.
   */
  readonly skipInputIndices?: ReadonlySet<number>;
}

/**
 * `(op, ...grads) => inputGrads`: one gradient per op output in, one per op input out (null where an
 * input has no gradient, e.g. Sum's axes). `tf.registerGradient('ZeroOut', (op, grad) => [tf.zeroOut(grad)])`.
 */
export type GradFn = (op: GradOp, ...grads: Tensor[]) => Array<Tensor | null> | Tensor | null;

const gradients = new Map<string, GradFn | null>();

/** Registers the gradient of op type `type` (replacing an earlier one, so REPL users can retype it). */
export function registerGradient(type: string, fn: GradFn): void {
  if (typeof type !== 'string' || type === '') throw new TypeError(`registerGradient expects an op type name, got ${String(type)}`);
  if (typeof fn !== 'function') throw new TypeError(`registerGradient('${type}', fn): fn must be a function (op, ...grads) => grads, got ${typeof fn}`);
  getOpDef(type);
  gradients.set(type, fn);
}

/** Declares that op type `type` has no gradient: its inputs get none, silently (TF's ops.NotDifferentiable). */
export function notDifferentiable(type: string): void {
  if (gradients.get(type)) throw new ValueError(`Op type '${type}' already has a gradient registered.`);
  gradients.set(type, null);
}

/** The gradient function of `op`, null if it is not differentiable; LookupError if none is registered. */
export function gradientFunction(op: { name: string; type: string }): GradFn | null {
  const fn = gradients.get(op.type);
  if (fn === undefined) {
    throw new LookupError(`No gradient defined for operation '${op.name}' (op type: ${op.type}). `
      + `Register one with tf.registerGradient('${op.type}', (op, grad) => [...]), or stop the gradient before it with tf.stopGradient.`);
  }
  return fn;
}

/** A gradient function's result as a list with one entry per input, checked as TF's _VerifyGeneratedGradients does. */
export function normalizeGrads(result: ReturnType<GradFn>, op: { name: string; inputs: readonly unknown[] }): Array<Tensor | null> {
  const list = Array.isArray(result) ? result : [result];
  if (list.length !== op.inputs.length) {
    throw new ValueError(`Num gradients ${list.length} generated for op ${op.name} do not match num inputs ${op.inputs.length}`);
  }
  return list.map((g) => g ?? null);
}

/** Whether op type `type` has a gradient function, is declared not differentiable, or has neither. */
export function gradientStatus(type: string): 'registered' | 'not-differentiable' | 'none' {
  const fn = gradients.get(type);
  return fn === undefined ? 'none' : fn === null ? 'not-differentiable' : 'registered';
}
