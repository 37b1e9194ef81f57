// A number literal as the REPL saw it written. JS has one number type, so `1` and `1.0` are the same value;
// Python (and so TensorFlow) tells them apart: `tf.constant(1)` is int32, `tf.constant(1.0)` float32. The
// REPL's transform wraps the literal arguments of `tf.…` calls (`tf.constant(1)` → `tf.constant(__lit(1,
// 'int32'))`) so the spelling reaches the op; the argument checks unwrap it wherever a plain number is meant.

/** A literal argument with the dtype its spelling gives: int32 for `1`/`[1, 2]`, float32 for `1.0`/`1e-3`. */
export class SpelledLiteral {
  constructor(
    /** A number, or nested arrays of numbers. */
    readonly value: unknown,
    readonly dtype: 'int32' | 'float32',
  ) {}

  toString(): string {
    return JSON.stringify(this.value);
  }
}

/** The REPL's `__lit(value, dtype)`. */
export function spelled(value: unknown, dtype: 'int32' | 'float32'): SpelledLiteral {
  return new SpelledLiteral(value, dtype);
}

/** The plain JS value of `x`, whether it came spelled or not. */
export function unspell<T>(x: T | SpelledLiteral): T {
  return x instanceof SpelledLiteral ? (x.value as T) : x;
}

/** Python's name for the literal's type, as TF's conversion errors print it ('int', 'float'). */
export function pythonTypeName(x: SpelledLiteral): string {
  return x.dtype === 'int32' ? 'int' : 'float';
}
