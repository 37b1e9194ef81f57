// Running one kernel, in either schedule, with its failures turned into TF's error classes.
import { InternalError, InvalidArgumentError, OpError } from '../errors.js';
import { ShapeError, type Attrs, type KernelContext, type KernelInput, type OpDef } from './registry.js';

/**
 * Runs `def`'s kernel. Native argument errors (RangeError: integer division by zero, a bad index) become
 * InvalidArgumentError; anything else unexpected is an InternalError naming the op, never a crash.
 */
export function runKernel(def: OpDef, inputs: readonly KernelInput[], attrs: Attrs, ctx: KernelContext): KernelInput[] {
  try {
    return def.kernel(inputs, attrs, ctx);
  } catch (e) {
    if (e instanceof OpError) throw e;
    if (e instanceof ShapeError) throw new InvalidArgumentError(e.runtimeMessage, ctx.opName);
    if (e instanceof RangeError) throw new InvalidArgumentError(e.message, ctx.opName);
    const message = e instanceof Error ? e.message : String(e);
    throw new InternalError(`${def.type} kernel failed: ${message}`, ctx.opName);
  }
}
