// Variable updates: ops `Assign`, `AssignAdd`, `AssignSub`, and tf.group (the `init` op's kind).
import { attr } from '../engine/attrs.js';
import { executingEagerly } from '../engine/mode.js';
import { Operation } from '../graph/operation.js';
import type { Tensor } from '../graph/tensor.js';
import { applyGraphOp, applyOp1, type TensorLike } from './apply.js';
import { declare } from './declare.js';
import type { NameOption } from './scope.js';
import type { Variable } from './variable.js';

export interface AssignOptions extends NameOption {
  useLocking?: boolean;
  validateShape?: boolean;
}

type Ref = Variable | Tensor;

export const assign: (ref: Ref, value: TensorLike, validateShape?: boolean | AssignOptions, useLocking?: boolean, name?: string) => Tensor = declare(
  'assign(ref: Variable, value: Tensor, validateShape?: boolean, useLocking?: boolean, name?: string): Tensor',
  'ref ← value: op `Assign`; running it returns the new value (`tf.assign(state, newValue)`).',
  (ref: Ref, value: TensorLike, o: AssignOptions) => {
    const attrs = { use_locking: attr.b(o.useLocking ?? true), validate_shape: attr.b(o.validateShape ?? true) };
    return applyOp1('Assign', [ref, value], attrs, { name: o.name });
  });

type Update = (ref: Ref, value: TensorLike, useLocking?: boolean | AssignOptions, name?: string) => Tensor;

const update = (fn: string, type: string, doc: string): Update => declare(
  `${fn}(ref: Variable, value: Tensor, useLocking?: boolean, name?: string): Tensor`, doc,
  (ref: Ref, value: TensorLike, o: AssignOptions) => applyOp1(type, [ref, value], { use_locking: attr.b(o.useLocking ?? false) }, { name: o.name }));

export const assignAdd = update('assignAdd', 'AssignAdd', 'ref ← ref + value: op `AssignAdd`.');
export const assignSub = update('assignSub', 'AssignSub', 'ref ← ref - value: op `AssignSub`.');

type Groupable = Operation | Tensor | null;

export const group: (...inputs: Array<Groupable | readonly Groupable[] | NameOption>) => Operation | null = declare(
  'group(...inputs: Operation | Tensor | Array, { name?: string }): Operation',
  "A NoOp that runs after `inputs` (TF's tf.group(a, b) or tf.group([a, b])): how `init` and an optimizer's update are made.",
  (inputs: unknown[], o: NameOption) => {
    if (executingEagerly()) return null;
    const flat = (inputs.flat(Infinity) as Groupable[]).filter((x) => x !== null);
    const ops = flat.map((x) => {
      if (x instanceof Operation) return x;
      if (x && typeof x === 'object' && 'op' in x) return (x as Tensor).op;
      throw new TypeError(`tf.group(): expected operations or tensors, got ${String(x)}.`);
    });
    return applyGraphOp('NoOp', [], {}, { name: o.name ?? 'group_deps', controlInputs: ops });
  });
