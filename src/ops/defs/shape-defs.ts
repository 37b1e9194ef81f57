// ShapeN (one op for several shapes, as TF's conv gradient uses) and ExpandDims.
import { registerOpDef, ShapeError } from '../../engine/registry.js';
import { InvalidArgumentError } from '../../errors.js';
import { NDArray } from '../../tensor/ndarray.js';
import { ALL, ints, spec, val } from './helpers.js';

registerOpDef({
  type: 'ShapeN',
  inputNames: ['input'],
  hostOnly: true,
  inferOutputs: (inputs) => inputs.map((x) => spec('int32', [x.shape.rank])),
  kernel: (inputs) => inputs.map((_, i) => {
    const x = val(inputs, i);
    return new NDArray(Int32Array.from(x.shape), [x.rank], 'int32');
  }),
});

/** The axis ExpandDims inserts at, for a tensor of `rank` dims: -1 appends. */
function insertAt(dim: number, rank: number, error: (m: string) => Error): number {
  if (dim < -1 - rank || dim > rank) throw error(`Tried to expand dim index ${dim} for tensor with ${rank} dimensions.`);
  return dim < 0 ? dim + rank + 1 : dim;
}

registerOpDef({
  type: 'ExpandDims',
  inputNames: ['input', 'dim'],
  typeGroup: { attr: 'T', inputs: [0], allowed: ALL },
  literalDTypes: [undefined, 'int32'],
  inferOutputs([x, dim]) {
    if (dim.constValue === undefined || x.shape.dims === null) return [spec(x.dtype, null)];
    const d = ints(dim.constValue);
    if (d.length !== 1) throw new ShapeError(`'dim' input must be a tensor with a single value`);
    const at = insertAt(d[0], x.shape.dims.length, (m) => new ShapeError(m));
    const dims = [...x.shape.dims];
    dims.splice(at, 0, 1);
    return [spec(x.dtype, dims)];
  },
  kernel(inputs) {
    const x = val(inputs, 0);
    const d = ints(val(inputs, 1));
    if (d.length !== 1) throw new InvalidArgumentError(`'dim' must be a tensor with a single value`);
    const dims = [...x.shape];
    dims.splice(insertAt(d[0], x.rank, (m) => new InvalidArgumentError(m)), 0, 1);
    return [x.reshape(dims)];
  },
});
