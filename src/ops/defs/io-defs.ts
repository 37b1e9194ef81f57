// The checkpoint ops of a TensorFlow Saver's graph (core/kernels/save_restore_v2_ops.cc) and
// PlaceholderWithDefault, so a TF-written graph with its `save/…` ops imports and runs: feeding
// `save/Const:0` a prefix and running `save/control_dependency` writes a V2 checkpoint, `save/restore_all`
// reads one back, through the same bundle code as tf.train.Saver.
import { attrValue } from '../../engine/attrs.js';
import { registerOpDef, type KernelInput } from '../../engine/registry.js';
import { InvalidArgumentError, NotFoundError, UnimplementedError } from '../../errors.js';
import { BundleReader, bundleExists, protoTypeString, writeBundle } from '../../io/bundle.js';
import { tfTypeString, type DType } from '../../tensor/dtype.js';
import type { NDArray } from '../../tensor/ndarray.js';
import type { TensorShape } from '../../tensor/shape.js';
import { StringNDArray } from '../../tensor/string-array.js';
import { ALL, spec } from './helpers.js';

const text = new TextDecoder();

function strings(inputs: readonly KernelInput[], i: number, what: string): string[] {
  const t = inputs[i];
  if (!(t instanceof StringNDArray)) throw new InvalidArgumentError(`${what} must be a string tensor`);
  return t.strings.map((s) => text.decode(s));
}

function valueOf(x: KernelInput): NDArray {
  return 'isRef' in x ? x.read() : x;
}

registerOpDef({
  type: 'PlaceholderWithDefault',
  inputNames: ['input'],
  hostOnly: true,
  typeGroup: { attr: 'dtype', inputs: [0], allowed: [...ALL, 'string'] },
  inferOutputs: ([x], attrs) => [spec(x.dtype, attrs.shape ? attrValue<TensorShape>(attrs.shape) : x.shape)],
  kernel: (inputs) => [valueOf(inputs[0])],
});

/** prefix, N names and N ''-slices: TF's argument checks. */
function checkArgs(inputs: readonly KernelInput[], n: number): { prefix: string; names: string[] } {
  const [prefix] = strings(inputs, 0, 'prefix');
  const names = strings(inputs, 1, 'tensor_names');
  const slices = strings(inputs, 2, 'shape_and_slices');
  if (names.length !== n || slices.length !== n) {
    throw new InvalidArgumentError(`Expected ${n} tensor names and shape_and_slices, got ${names.length} and ${slices.length}`);
  }
  if (slices.some((s) => s !== '')) throw new UnimplementedError('tensorshell saves and restores whole tensors only: shape_and_slices must be empty strings');
  return { prefix, names };
}

registerOpDef({
  type: 'SaveV2',
  inputNames: ['prefix', 'tensor_names', 'shape_and_slices', 'tensors'],
  hostOnly: true,
  stateful: true,
  inferOutputs: () => [],
  kernel(inputs) {
    const { prefix, names } = checkArgs(inputs, inputs.length - 3);
    writeBundle(prefix, new Map(names.map((name, i) => [name, valueOf(inputs[3 + i])])));
    return [];
  },
});

registerOpDef({
  type: 'RestoreV2',
  inputNames: ['prefix', 'tensor_names', 'shape_and_slices'],
  hostOnly: true,
  stateful: true,
  inferOutputs: (_inputs, attrs) => attrValue<readonly DType[]>(attrs.dtypes).map((d) => spec(d, null)),
  kernel(inputs, attrs) {
    const dtypes = attrValue<readonly DType[]>(attrs.dtypes);
    const { prefix, names } = checkArgs(inputs, dtypes.length);
    if (!bundleExists(prefix)) throw new NotFoundError(`Unsuccessful TensorSliceReader constructor: Failed to find any matching files for ${prefix}`);
    const reader = new BundleReader(prefix);
    return names.map((name, i) => {
      const entry = reader.entries.get(name);
      if (!entry) throw new NotFoundError(`Key ${name} not found in checkpoint`);
      if (entry.dtype !== dtypes[i]) {
        throw new InvalidArgumentError(`tensor_name = ${name}; expected dtype ${tfTypeString(dtypes[i])} does not equal original dtype ${protoTypeString(entry.protoDtype)}`);
      }
      return reader.read(entry);
    });
  },
});
