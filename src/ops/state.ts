// Variable updates: ops `Assign`, `AssignAdd`, `AssignSub`, and the `init` op.
import { attr } from '../engine/attrs.js';
import { executingEagerly } from '../engine/mode.js';
import { Operation } from '../graph/operation.js';
import type { Tensor } from '../graph/tensor.js';
import { applyGraphOp, applyOp1, type TensorLike } from './apply.js';
import type { NameOption } from './math.js';
import type { Variable } from './variable.js';

export interface AssignOptions extends NameOption {
  useLocking?: boolean;
  validateShape?: boolean;
}

/** ref ← value: op `Assign`; running it returns the new value (`tf.assign(state, newValue)`). */
export function assign(ref: Variable | Tensor, value: TensorLike, options: AssignOptions = {}): Tensor {
  const attrs = { use_locking: attr.b(options.useLocking ?? true), validate_shape: attr.b(options.validateShape ?? true) };
  return applyOp1('Assign', [ref, value], attrs, { name: options.name });
}

/** ref ← ref + value: op `AssignAdd`. */
export function assignAdd(ref: Variable | Tensor, value: TensorLike, options: AssignOptions = {}): Tensor {
  return applyOp1('AssignAdd', [ref, value], { use_locking: attr.b(options.useLocking ?? false) }, { name: options.name });
}

/** ref ← ref - value: op `AssignSub`. */
export function assignSub(ref: Variable | Tensor, value: TensorLike, options: AssignOptions = {}): Tensor {
  return applyOp1('AssignSub', [ref, value], { use_locking: attr.b(options.useLocking ?? false) }, { name: options.name });
}

/** A NoOp that runs after `inputs` (TF's `tf.group`): how `init` and an optimizer's update are made. */
export function group(inputs: readonly (Operation | Tensor)[], options: NameOption = {}): Operation | null {
  if (executingEagerly()) return null;
  const ops = inputs.map((x) => (x instanceof Operation ? x : x.op));
  return applyGraphOp('NoOp', [], {}, { name: options.name ?? 'group_deps', controlInputs: ops });
}
