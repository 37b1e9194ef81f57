// The Summary protobuf as the summary ops build it (tensorflow/core/framework/summary.proto).
import { InvalidArgumentError } from '../errors.js';
import type { HistogramValue } from './histogram.js';
import { decode, encode } from './proto.js';

export interface SummaryValue {
  tag?: string;
  simple_value?: number;
  histo?: HistogramValue;
  image?: { height: number; width: number; colorspace: number; encoded_image_string: Uint8Array };
  [field: string]: unknown;
}

export function encodeSummary(values: readonly SummaryValue[]): Uint8Array {
  return encode('tensorflow.Summary', { value: [...values] } as never);
}

/** The values of a serialized Summary; bytes that are not one are TF's MergeSummary error. */
export function decodeSummary(bytes: Uint8Array): SummaryValue[] {
  try {
    return ((decode('tensorflow.Summary', bytes) as { value?: SummaryValue[] }).value) ?? [];
  } catch {
    throw new InvalidArgumentError('Could not parse one of the summary inputs');
  }
}
