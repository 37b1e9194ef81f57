// Variables and their updates. VariableV2 yields a reference to storage the Session (or an eager
// Variable) owns; Assign, AssignAdd and AssignSub write through that reference.
import { attrValue } from '../../engine/attrs.js';
import { registerOpDef, type KernelInput, type OpDef, type VariableRef } from '../../engine/registry.js';
import { InvalidArgumentError } from '../../errors.js';
import { BinaryOp } from '../../backends/native/opcodes.js';
import type { DType } from '../../tensor/dtype.js';
import type { TensorShape } from '../../tensor/shape.js';
import { shapeString, shapesEqual } from '../../tensor/shape.js';
import { ALL, boolAttr, NUMERIC, spec, val } from './helpers.js';
import { mergeShapes } from './support-checks.js';

registerOpDef({
  type: 'VariableV2',
  inputNames: [],
  hostOnly: true,
  stateful: true,
  inferOutputs: (_i, attrs) => [spec(attrValue<DType>(attrs.dtype), attrValue<TensorShape>(attrs.shape))],
  kernel(_i, _attrs, ctx) {
    if (!ctx.state) throw new Error('VariableV2 runs only inside a Session');
    return [ctx.state.variable(ctx.opName)];
  },
});

function refOf(inputs: readonly KernelInput[]): VariableRef {
  const r = inputs[0];
  if (!('isRef' in r)) throw new Error('expected a variable reference');
  return r;
}

/** Assign and AssignAdd/AssignSub need the value in the variable's shape (TF's Merge, with its messages). */
function checkAssignShapes(ref: TensorShape, value: TensorShape): void {
  mergeShapes(ref, value);
}

registerOpDef({
  type: 'Assign',
  inputNames: ['ref', 'value'],
  refInputs: [0],
  hostOnly: true,
  stateful: true,
  typeGroup: { attr: 'T', inputs: [0, 1], allowed: ALL },
  inferOutputs([ref, value], attrs) {
    if (boolAttr(attrs, 'validate_shape', true)) checkAssignShapes(ref.shape, value.shape);
    return [spec(ref.dtype, boolAttr(attrs, 'validate_shape', true) ? ref.shape : value.shape)];
  },
  kernel(inputs, attrs) {
    const ref = refOf(inputs);
    const value = val(inputs, 1);
    if (ref.initialized && boolAttr(attrs, 'validate_shape', true) && !shapesEqual(ref.read().shape, value.shape)) {
      throw new InvalidArgumentError(`Assign requires shapes of both tensors to match. lhs shape= ${shapeString(ref.read().shape)} rhs shape= ${shapeString(value.shape)}`);
    }
    ref.write(value);
    return [ref];
  },
});

function updateDef(type: string, code: BinaryOp): OpDef {
  return {
    type,
    inputNames: ['ref', 'value'],
    refInputs: [0],
    stateful: true,
    typeGroup: { attr: 'T', inputs: [0, 1], allowed: NUMERIC },
    inferOutputs([ref, value]) {
      checkAssignShapes(ref.shape, value.shape);
      return [spec(ref.dtype, ref.shape)];
    },
    kernel(inputs, _attrs, ctx) {
      const ref = refOf(inputs);
      const old = ref.read();
      const value = val(inputs, 1);
      if (!shapesEqual(old.shape, value.shape)) {
        throw new InvalidArgumentError(`Must have the same shape. lhs shape= ${shapeString(old.shape)} rhs shape= ${shapeString(value.shape)}`);
      }
      ref.write(ctx.backend.binary(code, old, value));
      return [ref];
    },
  };
}

registerOpDef(updateDef('AssignAdd', BinaryOp.Add));
registerOpDef(updateDef('AssignSub', BinaryOp.Sub));
