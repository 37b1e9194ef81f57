// How the REPL shows values, as Python's REPL does: the echo is the repr, print (and console.log) the str;
// a list holding tensorshell values is a Python list of their reprs.
import { inspect } from 'node:util';
import * as tf from '../index.js';

/** The echo of an input's value. */
export function echo(value: unknown, colors: boolean): string {
  if (typeof value === 'string') return inspect(value);
  const text = pythonList(value) ?? inspect(value, { colors, depth: 4 });
  // A rejected promise shows its error, not the kernel's frames that ran the input (:trace has them).
  return Object.prototype.toString.call(value) === '[object Promise]' ? text.replace(/\n\s+at .*/g, '') : text;
}

const isOurs = (x: unknown) => x instanceof tf.Tensor || x instanceof tf.NDArray || x instanceof tf.Variable || x instanceof tf.Operation || x instanceof tf.TensorShape;

/** What Python's print shows for a tensorshell value: its str (a list of them: the list's repr); other values as console.log shows them. */
export function pythonStr(x: unknown): unknown {
  return isOurs(x) ? String(x) : (pythonList(x) ?? x);
}

/**
 * A list holding tensorshell values, as Python shows one: `[array([14.], dtype=float32), None]` (what
 * `sess.run([a, init])` returns). Other arrays keep Node's own form.
 */
function pythonList(x: unknown): string | null {
  const holdsOurs = (v: unknown): boolean => isOurs(v) || (Array.isArray(v) && v.some(holdsOurs));
  if (!Array.isArray(x) || !holdsOurs(x)) return null;
  const item = (v: unknown): string => (Array.isArray(v) ? `[${v.map(item).join(', ')}]` : v === null ? 'None' : inspect(v, { depth: 4 }));
  return item(x);
}
