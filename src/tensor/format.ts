/**
 * numpy 1.26 `str()` of ndarrays and numpy scalars, for float32 / int32 / bool.
 *
 * The structure follows numpy/core/arrayprint.py (default print options:
 * precision 8, floatmode 'maxprec', suppress False, sign '-', legacy False):
 * `array2string` → `_formatArray` (recursive layout and line wrapping) with the
 * element formatters `FloatingFormat`, `IntegerFormat` and `BoolFormat`.
 * Digit generation lives in format-float.ts (a port of numpy's Dragon4).
 */
import { float32Repr, formatPositional, formatScientific, type TrimMode } from './format-float.js';

export { float32Repr } from './format-float.js';

/** 'string' tensors hold bytes (summaries, string Consts of imported graphs): see string-array.ts. */
export type DType = 'float32' | 'int32' | 'bool' | 'string';

export interface FormatOptions {
  /** characters per line (numpy `linewidth`, default 75) */
  linewidth?: number;
  /** element count above which the array is summarised (default 1000) */
  threshold?: number;
  /** items kept at each end of a summarised axis (default 3) */
  edgeitems?: number;
  /** text printed before the array by the caller; continuation lines are indented by its length */
  prefix?: string;
  /** text printed after the array by the caller; wrapping leaves room for it (numpy `suffix`) */
  suffix?: string;
  /** text between elements (numpy `separator`, default ' '; repr uses ', ') */
  separator?: string;
}

/** numpy's default float precision (fraction digits in maxprec mode). */
const PRECISION = 8;

type ElementFormatter = (x: number) => string;

/**
 * numpy's FloatingFormat in 'maxprec' mode: a first pass over the printed
 * values fixes notation, padding and digit counts so the columns line up.
 */
function floatingFormat(values: readonly number[]): ElementFormatter {
  const finite = values.filter((v) => Number.isFinite(v));
  const expFormat = needsScientific(finite);
  let padLeft = 0;
  let padRight = 0;
  let precision = 0;
  let expSize = 0;
  if (finite.length > 0 && expFormat) {
    const parts = finite.map((v) => splitScientific(formatScientific(v, sciFirstPass)));
    expSize = maxOf(parts.map((p) => p.exp.length)) - 1;
    precision = maxOf(parts.map((p) => p.frac.length));
    padLeft = maxOf(parts.map((p) => p.int.length));
    padRight = expSize + 2 + precision;
  } else if (finite.length > 0) {
    const parts = finite.map((v) => formatPositional(v, posFirstPass).split('.'));
    padLeft = maxOf(parts.map((p) => p[0]!.length));
    padRight = maxOf(parts.map((p) => (p[1] ?? '').length));
  }
  if (finite.length !== values.length) {
    // widen the integer part so "nan" / "-inf" fit the common column width;
    // numpy pads the finite values with this widened pad_left too
    const negInf = values.some((v) => v === -Infinity) ? 1 : 0;
    padLeft = Math.max(padLeft, 3 - (padRight + 1), 3 + negInf - (padRight + 1));
  }
  const sci = { precision, minDigits: precision, trim: 'k' as TrimMode, padLeft, expDigits: expSize };
  const pos = { precision: PRECISION, minDigits: 0, fractional: true, trim: '.' as TrimMode, padLeft, padRight };
  const format: ElementFormatter = expFormat ? (x) => formatScientific(x, sci) : (x) => formatPositional(x, pos);
  const width = padLeft + padRight + 1;
  return (x) => {
    if (Number.isNaN(x)) return 'nan'.padStart(width);
    if (x === Infinity) return 'inf'.padStart(width);
    if (x === -Infinity) return '-inf'.padStart(width);
    return format(x);
  };
}

/** Largest of a possibly huge list (spreading into Math.max can overflow the stack). */
function maxOf(values: readonly number[]): number {
  return values.reduce((a, b) => Math.max(a, b), 0);
}

const sciFirstPass = { precision: PRECISION, minDigits: -1, trim: '.' as TrimMode, padLeft: -1, expDigits: -1 };
const posFirstPass = { precision: PRECISION, minDigits: -1, fractional: true, trim: '.' as TrimMode, padLeft: -1, padRight: -1 };

function splitScientific(s: string): { int: string; frac: string; exp: string } {
  const [mantissa = '', exp = ''] = s.split('e');
  const [int = '', frac = ''] = mantissa.split('.');
  return { int, frac, exp };
}

/** numpy's rule: scientific when max >= 1e8, min nonzero < 1e-4, or max/min > 1e3. */
function needsScientific(finite: readonly number[]): boolean {
  const absNonZero = finite.filter((v) => v !== 0).map(Math.abs);
  if (absNonZero.length === 0) return false;
  const max = absNonZero.reduce((a, b) => Math.max(a, b));
  const min = absNonZero.reduce((a, b) => Math.min(a, b));
  // numpy divides two float32 scalars, so the ratio is rounded to float32
  return max >= 1e8 || min < 1e-4 || Math.fround(max / min) > 1000;
}

/** numpy's IntegerFormat: right-align to the widest of str(max) and str(min). */
function integerFormat(values: readonly number[]): ElementFormatter {
  const width = values.length === 0 ? 0 : Math.max(
    String(values.reduce((a, b) => Math.max(a, b))).length,
    String(values.reduce((a, b) => Math.min(a, b))).length,
  );
  return (x) => String(x).padStart(width);
}

/** numpy's BoolFormat for non-0d arrays: " True" lines up with "False". */
const boolFormat: ElementFormatter = (x) => (x ? ' True' : 'False');

function formatterFor(dtype: DType, values: readonly number[]): ElementFormatter {
  if (dtype === 'float32') return floatingFormat(values);
  if (dtype === 'int32') return integerFormat(values);
  return boolFormat;
}

/** str() of a numpy scalar (0-d array) of the given dtype. */
function formatScalar(x: number, dtype: DType): string {
  if (dtype === 'float32') return float32Repr(x);
  if (dtype === 'int32') return String(x);
  return x ? 'True' : 'False';
}

/** Normalise an element as numpy would have stored it for the dtype. */
function elementValue(x: number, dtype: DType): number {
  if (dtype === 'float32') return Math.fround(x);
  if (dtype === 'int32') return x | 0;
  return x ? 1 : 0;
}

interface Layout {
  data: ArrayLike<number>;
  shape: readonly number[];
  strides: number[];
  dtype: DType;
  edgeItems: number;
  summarize: boolean;
  separator: string;
  format: ElementFormatter;
}

type Geometry = Omit<Layout, 'format' | 'separator'>;

function rowMajorStrides(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length).fill(1);
  for (let i = shape.length - 2; i >= 0; i--) strides[i] = strides[i + 1]! * shape[i + 1]!;
  return strides;
}

/** Indices printed along an axis of length n: all, or the edges when summarising. */
function shownIndices(n: number, layout: Geometry): number[] {
  const all = Array.from({ length: n }, (_, i) => i);
  if (!layout.summarize || 2 * layout.edgeItems >= n) return all;
  // numpy slices a[-edgeitems:], and a[-0:] is the whole axis
  const tailStart = layout.edgeItems === 0 ? 0 : n - layout.edgeItems;
  return [...all.slice(0, layout.edgeItems), ...all.slice(tailStart)];
}

/** Values that will be printed (numpy's `_leading_trailing`), which size the formatter. */
function printedValues(layout: Geometry, axis = 0, offset = 0, out: number[] = []): number[] {
  if (axis === layout.shape.length) {
    out.push(elementValue(layout.data[offset]!, layout.dtype));
    return out;
  }
  for (const i of shownIndices(layout.shape[axis]!, layout)) {
    printedValues(layout, axis + 1, offset + i * layout.strides[axis]!, out);
  }
  return out;
}

/**
 * numpy's `array2string(a)` (separator ' ' unless given): "[]" for empty arrays, the
 * scalar str for shape [], else the bracketed, wrapped and maybe summarised layout.
 */
export function formatArray(
  data: ArrayLike<number>,
  shape: readonly number[],
  dtype: DType,
  options: FormatOptions = {},
): string {
  if (shape.length === 0) return formatScalar(elementValue(data[0] ?? 0, dtype), dtype);
  const size = shape.reduce((a, b) => a * b, 1);
  if (size === 0) return '[]';
  const geometry: Geometry = {
    data, shape, dtype, strides: rowMajorStrides(shape),
    edgeItems: options.edgeitems ?? 3,
    summarize: size > (options.threshold ?? 1000),
  };
  const format = formatterFor(dtype, printedValues(geometry));
  const layout: Layout = { ...geometry, separator: options.separator ?? ' ', format };
  const lineWidth = (options.linewidth ?? 75) - (options.suffix ?? '').length;
  // continuation lines skip over the "[" and over whatever prefix the caller prints
  const hangingIndent = ' ' + ' '.repeat((options.prefix ?? '').length);
  return formatAxis(layout, 0, 0, hangingIndent, lineWidth);
}

/** numpy `_formatArray.recurser`: one bracketed sub-array starting at `offset`. */
function formatAxis(layout: Layout, axis: number, offset: number, hangingIndent: string, width: number): string {
  const n = layout.shape[axis]!;
  const showSummary = layout.summarize && 2 * layout.edgeItems < n;
  const leading = showSummary ? layout.edgeItems : 0;
  const trailing = showSummary ? layout.edgeItems : n;
  // numpy visits the leading items, the "...", then a[-trailing] .. a[-1]; it
  // always prints a[-1], even with edgeitems=0
  const indices = [...range(0, leading), ...range(n - Math.max(trailing, 1), n)];
  const body = axis === layout.shape.length - 1
    ? formatRow(layout, offset, indices, leading, showSummary, hangingIndent, width)
    : formatBlocks(layout, axis, offset, indices, leading, showSummary, hangingIndent, width);
  return '[' + body.slice(hangingIndent.length) + ']';
}

function range(start: number, end: number): number[] {
  return Array.from({ length: Math.max(0, end - start) }, (_, i) => start + i);
}

/** Last axis: words joined by the separator, wrapped before they pass the width. */
function formatRow(
  layout: Layout, offset: number, indices: number[], leading: number,
  showSummary: boolean, hangingIndent: string, width: number,
): string {
  // room is left for the closing "]" after the last element
  const elemWidth = width - 1;
  const stride = layout.strides[layout.shape.length - 1]!;
  let text = '';
  let line = hangingIndent;
  indices.forEach((index, k) => {
    if (showSummary && k === leading) {
      [text, line] = extendLine(text, line, '...', elemWidth, hangingIndent);
      line += layout.separator;
    }
    const word = layout.format(elementValue(layout.data[offset + index * stride]!, layout.dtype));
    [text, line] = extendLine(text, line, word, elemWidth, hangingIndent);
    if (k < indices.length - 1) line += layout.separator;
  });
  return text + line;
}

/** numpy `_extendLine` (non-legacy): wrap only if it helps, i.e. the line has content. */
function extendLine(text: string, line: string, word: string, width: number, indent: string): [string, string] {
  const needsWrap = line.length + word.length > width && line.length > indent.length;
  if (needsWrap) return [text + line.trimEnd() + '\n', indent + word];
  return [text, line + word];
}

/** Outer axes: one nested block per line (after separator.rstrip()), blank lines growing with depth. */
function formatBlocks(
  layout: Layout, axis: number, offset: number, indices: number[], leading: number,
  showSummary: boolean, hangingIndent: string, width: number,
): string {
  const axesLeft = layout.shape.length - axis;
  const lineSep = layout.separator.trimEnd() + '\n'.repeat(axesLeft - 1);
  const stride = layout.strides[axis]!;
  const pieces: string[] = [];
  indices.forEach((index, k) => {
    if (showSummary && k === leading) pieces.push(hangingIndent + '...');
    pieces.push(hangingIndent + formatAxis(layout, axis + 1, offset + index * stride, hangingIndent + ' ', width - 1));
  });
  return pieces.join(lineSep);
}
