// The ops TF 1.15's Saver adds to a graph (training/saver.py BaseSaverBuilder, V2 format), by the same
// names: save/filename/input, save/filename, save/Const (the prefix to feed), save/SaveV2 with its
// tensor_names and shape_and_slices Consts, save/control_dependency, save/RestoreV2 (on the CPU),
// save/Assign, save/Assign_1, …, save/restore_all. Saver.save and restore run them.
import { attr } from '../engine/attrs.js';
import { getDefaultGraph } from '../graph/default-graph.js';
import type { Operation } from '../graph/operation.js';
import type { Tensor } from '../graph/tensor.js';
import { applyGraphOp, applyOp, applyOp1 } from '../ops/apply.js';
import type { VariableImpl } from '../ops/variable.js';
import { TensorShape } from '../tensor/shape.js';
import { StringNDArray } from '../tensor/string-array.js';

export interface SaverGraph {
  /** save/Const:0, fed the checkpoint prefix. */
  filename: Tensor;
  /** save/control_dependency:0: running it runs SaveV2 and gives the prefix back. */
  saveTensor: Tensor;
  /** save/restore_all. */
  restoreOp: Operation;
}

function stringConst(values: string | readonly string[], name: string): Tensor {
  const value = typeof values === 'string' ? StringNDArray.of(values) : StringNDArray.of([...values]);
  return applyOp1('Const', [], { dtype: attr.type('string'), value: attr.tensor(value) }, { name });
}

/** Builds the Saver's ops for `vars` (checkpoint name → graph variable), sorted by name as TF sorts them. */
export function buildSaverGraph(vars: ReadonlyMap<string, VariableImpl>, name = 'save'): SaverGraph {
  const graph = getDefaultGraph();
  const names = [...vars.keys()].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const refs = names.map((n) => vars.get(n)!.op.outputs[0]);
  const dtypes = attr.listType(refs.map((r) => r.dtype));
  return graph.atomically(() => graph.nameScope(name, () => {
    const scalar = attr.shape(new TensorShape([]));
    const filenameIn = graph.nameScope('filename', (scope) =>
      applyOp1('PlaceholderWithDefault', [stringConst('model', 'input')], { dtype: attr.type('string'), shape: scalar }, { name: scope }));
    const filename = applyOp1('PlaceholderWithDefault', [filenameIn], { dtype: attr.type('string'), shape: scalar }, { name: 'Const' });
    const saveOp = graph.nameScope('SaveV2', (scope) =>
      applyGraphOp('SaveV2', [filename, stringConst(names, 'tensor_names'), stringConst(names.map(() => ''), 'shape_and_slices'), ...refs],
        { dtypes }, { name: scope }));
    const saveTensor = applyOp1('Identity', [filename], { _class: attr.listS([`loc:@${filename.op.name}`]) },
      { name: 'control_dependency', controlInputs: [saveOp] });
    const restored = graph.withDevice('/device:CPU:0', () => graph.nameScope('RestoreV2', (scope) =>
      applyOp('RestoreV2', [filename, stringConst(names, 'tensor_names'), stringConst(names.map(() => ''), 'shape_and_slices')],
        { dtypes }, { name: scope })));
    const assigns = refs.map((ref, i) => applyGraphOp('Assign', [ref, restored[i]], { use_locking: attr.b(true), validate_shape: attr.b(true) }, { name: 'Assign' }));
    const restoreOp = applyGraphOp('NoOp', [], {}, { name: 'restore_all', controlInputs: assigns });
    return { filename, saveTensor, restoreOp };
  }));
}
