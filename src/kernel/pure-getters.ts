// The engine's getters that Tab completion may call to go on through a chain (`x.op.na` → `x.op.name`,
// `x.shape.ra` → `x.shape.rank`, `v.initializer.` …): each only reads what its object holds already, runs no
// op and changes nothing. Every other getter stays uncalled (complete-members.ts): a learner's own getter,
// or any other library's, may have side effects or be slow.
import { Graph } from '../graph/graph.js';
import { Operation } from '../graph/operation.js';
import { SessionImpl } from '../graph/session.js';
import { Tensor } from '../graph/tensor.js';
import { VariableImpl } from '../ops/variable.js';
import { TensorShape } from '../tensor/shape.js';

/** Prototype and getter names; test/kernel-complete.test.ts checks that each is still a getter there. */
export const PURE_GETTERS: ReadonlyArray<readonly [object, readonly string[]]> = [
  [Tensor.prototype, ['shape', 'isEager', 'op', 'name', 'graph', 'device', 'dtypeName']],
  [Operation.prototype, ['nodeDef']],
  [SessionImpl.prototype, ['isClosed']],
  [Graph.prototype, ['version', 'currentScope', 'currentDevice']],
  [VariableImpl.prototype, ['name', 'isEager', 'saveName', 'op', 'graph', 'initializer', 'initialValue']],
  [TensorShape.prototype, ['rank', 'isFullyDefined']],
];

const pure = new WeakSet<object>();
for (const [proto, names] of PURE_GETTERS) {
  for (const name of names) {
    const get = Object.getOwnPropertyDescriptor(proto, name)?.get;
    if (get !== undefined) pure.add(get);
  }
}

/** Whether completion may call this getter. */
export const isPureGetter = (get: unknown): boolean => typeof get === 'function' && pure.has(get);
