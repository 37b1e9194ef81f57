// The summary ops of TF 1.15 (core/kernels/summary_op.cc, summary_image_op.cc): each evaluates to a
// serialized `Summary` protobuf, a string scalar, exactly the bytes TensorFlow returns; MergeSummary joins
// them. ScalarSummary also hands its value to the REPL's chart as it runs.
import { attrValue } from '../../engine/attrs.js';
import { registerOpDef, ShapeError, type KernelInput } from '../../engine/registry.js';
import { logScalar } from '../../engine/summary-log.js';
import { InvalidArgumentError } from '../../errors.js';
import { histogramOf } from '../../io/histogram.js';
import { decodeSummary, encodeSummary } from '../../io/summary-proto.js';
import type { NDArray } from '../../tensor/ndarray.js';
import { shapeString } from '../../tensor/shape.js';
import { StringNDArray } from '../../tensor/string-array.js';
import { NUMERIC, spec, val } from './helpers.js';

const decoder = new TextDecoder();

/** The text of a string scalar input (a summary's tag). */
export function tagOf(inputs: readonly KernelInput[], i = 0): string {
  const t = val(inputs, i);
  if (!(t instanceof StringNDArray)) throw new InvalidArgumentError('tags must be a string tensor');
  if (t.rank !== 0) throw new InvalidArgumentError('tags must be scalar');
  return decoder.decode(t.strings[0]);
}

export function summaryScalar(bytes: Uint8Array): StringNDArray {
  return new StringNDArray([bytes], []);
}

function requireStringScalar(dtype: string): void {
  if (dtype !== 'string') throw new TypeError(`Expected string passed to parameter 'tag', got ${dtype}`);
}

registerOpDef({
  type: 'ScalarSummary',
  inputNames: ['tags', 'values'],
  typeGroup: { attr: 'T', inputs: [1], allowed: NUMERIC },
  hostOnly: true,
  stateful: true,
  inferOutputs([tags, x]) {
    requireStringScalar(tags.dtype);
    if (x.shape.rank !== null && x.shape.rank !== 0) throw new ShapeError(`tags and values not the same shape: [] != ${x.shape.toBracketString()}`);
    return [spec('string', [])];
  },
  kernel(inputs) {
    const tag = tagOf(inputs);
    const x = val(inputs, 1);
    if (x.rank !== 0) throw new InvalidArgumentError(`tags and values not the same shape: [] != ${shapeString(x.shape)} (tag '${tag}')`);
    const value = Math.fround(Number(x.data[0]));
    logScalar(tag, value);
    return [summaryScalar(encodeSummary([{ tag, simple_value: value }]))];
  },
});

registerOpDef({
  type: 'HistogramSummary',
  inputNames: ['tag', 'values'],
  typeGroup: { attr: 'T', inputs: [1], allowed: NUMERIC },
  hostOnly: true,
  stateful: true,
  inferOutputs([tag]) {
    requireStringScalar(tag.dtype);
    return [spec('string', [])];
  },
  kernel(inputs) {
    const tag = tagOf(inputs);
    const x: NDArray = val(inputs, 1);
    for (let i = 0; i < x.size; i++) {
      const v = x.data[i];
      if (Number.isNaN(v)) throw new InvalidArgumentError(`Nan in summary histogram for: ${tag}`);
      if (!Number.isFinite(v)) throw new InvalidArgumentError(`Infinity in summary histogram for: ${tag}`);
    }
    return [summaryScalar(encodeSummary([{ tag, histo: histogramOf(x.data) }]))];
  },
});

registerOpDef({
  type: 'MergeSummary',
  inputNames: ['inputs'],
  hostOnly: true,
  inferOutputs(inputs) {
    if (inputs.length === 0) throw new ShapeError("Attr 'N' of 'MergeSummary' Op passed 0 less than minimum 1.");
    for (const s of inputs) {
      if (s.dtype !== 'string') throw new TypeError(`Tensors in list passed to 'inputs' of 'MergeSummary' Op have types [${inputs.map((t) => t.dtype).join(', ')}] that don't all match.`);
    }
    return [spec('string', [])];
  },
  kernel(inputs) {
    // A Summary is one repeated field, so the concatenated inputs are the merged message, byte for byte
    // what TF's re-serialisation gives; they are parsed only to check the tags.
    const seen = new Set<string>();
    const parts: Uint8Array[] = [];
    for (let i = 0; i < inputs.length; i++) {
      const t = val(inputs, i);
      if (!(t instanceof StringNDArray)) throw new InvalidArgumentError('Could not parse one of the summary inputs');
      for (const bytes of t.strings) {
        for (const v of decodeSummary(bytes)) {
          if (v.tag && seen.has(v.tag)) throw new InvalidArgumentError(`Duplicate tag ${v.tag} found in summary inputs`);
          if (v.tag) seen.add(v.tag);
        }
        parts.push(bytes);
      }
    }
    return [summaryScalar(Buffer.concat(parts))];
  },
});
