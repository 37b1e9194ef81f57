/**
 * numpy 1.x `repr()` of ndarrays and numpy scalars, for float32 / int32 / bool.
 *
 * Follows numpy's `_array_repr_implementation`: the body is
 * `array2string(a, separator=', ', prefix='array(', suffix=')')` (format.ts),
 * then `shape=` for empty arrays other than shape (0,) and `dtype=` unless the
 * dtype is implied (bool is; float32 and int32 are not, nor is any empty
 * array), moved to its own line when it would pass the line width.
 *
 * This is numpy 1.26's behaviour, which tensorshell's TF-1.15 world uses
 * throughout. numpy ≥ 2.2 additionally appends `shape=(n,)` to summarised
 * arrays, and numpy ≥ 2.3 switches float32 arrays to scientific notation from
 * 1e6 instead of 1e8; neither is done here (numpy 2 reproduces this output
 * with `np.set_printoptions(legacy='1.25')`).
 */
import { formatArray, type DType } from './format.js';

const PREFIX = 'array(';
const LINE_WIDTH = 75;

/** Python's repr of a shape tuple: `(2, 0)`, `(0,)`. */
function shapeRepr(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

/**
 * numpy's repr of an array of the given dtype; rank 0 gives the numpy 1.x
 * scalar repr (`12.0`, `12`, `True`), as the REPL echoes `np.float32(12)`.
 */
export function reprArray(data: ArrayLike<number>, shape: readonly number[], dtype: DType): string {
  // numpy 1.x repr of a scalar equals its str
  if (shape.length === 0) return formatArray(data, shape, dtype);
  const size = shape.reduce((a, b) => a * b, 1);
  const body = formatArray(data, shape, dtype, { separator: ', ', prefix: PREFIX, suffix: ')', linewidth: LINE_WIDTH });
  const extras: string[] = [];
  if (size === 0 && !(shape.length === 1 && shape[0] === 0)) extras.push(`shape=${shapeRepr(shape)}`);
  if (dtype !== 'bool' || size === 0) extras.push(`dtype=${dtype}`);
  if (extras.length === 0) return PREFIX + body + ')';
  const head = PREFIX + body + ',';
  const tail = extras.join(', ') + ')';
  const lastLineLength = head.length - (head.lastIndexOf('\n') + 1);
  const spacer = lastLineLength + tail.length + 1 > LINE_WIDTH ? '\n' + ' '.repeat(PREFIX.length) : ' ';
  return head + spacer + tail;
}
