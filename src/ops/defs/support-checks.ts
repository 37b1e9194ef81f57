// Input checks shared by the support ops (AddN, Tile, Select), kept apart from any registration so both
// defs files can use them; each throws with TF's own message, since the learner compares against TF.
import { ShapeError } from '../../engine/registry.js';
import { InvalidArgumentError } from '../../errors.js';
import { tfTypeString, type DType } from '../../tensor/dtype.js';
import type { NDArray } from '../../tensor/ndarray.js';
import { shapesEqual, shapeString, TensorShape } from '../../tensor/shape.js';

/** A fixed-dtype input of the wrong dtype: TF's build-time TypeError, or its eager runtime error. */
export function wrongDType(op: string, input: string, index: number, want: DType, got: DType, atBuild: boolean): Error {
  if (atBuild) return new TypeError(`Input '${input}' of '${op}' Op has type ${got} that does not match expected type of ${want}.`);
  return new InvalidArgumentError(`cannot compute ${op} as input #${index}(zero-based) was expected to be a ${tfTypeString(want)} tensor but is a ${tfTypeString(got)} tensor`);
}

/** TF's InferenceContext::Merge: the more specific of two compatible shapes, else its message. */
export function mergeShapes(a: TensorShape, b: TensorShape): TensorShape {
  if (a.dims === null) return b;
  if (b.dims === null) return a;
  if (a.dims.length !== b.dims.length) throw new ShapeError(`Shapes must be equal rank, but are ${a.dims.length} and ${b.dims.length}`);
  return new TensorShape(a.dims.map((d, i) => {
    const e = b.dims![i];
    if (d !== null && e !== null && d !== e) {
      throw new ShapeError(`Dimension ${i} in both shapes must be equal, but are ${d} and ${e}. Shapes are ${a.toBracketString()} and ${b.toBracketString()}.`);
    }
    return d ?? e;
  }));
}

/** The runtime check TF's ValidateInputsAreSameShape makes, with its message (two spaces included). */
export function requireSameShape(op: string, opName: string, values: readonly NDArray[]): void {
  for (let i = 1; i < values.length; i++) {
    if (!shapesEqual(values[0].shape, values[i].shape)) {
      throw new InvalidArgumentError(`Inputs to operation ${opName} of type ${op} must have the same size and shape.  Input 0: ${shapeString(values[0].shape)} != input ${i}: ${shapeString(values[i].shape)}`);
    }
  }
}
