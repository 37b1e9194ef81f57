// How the engine's objects become the kernel's event payloads (events.ts): an op, a run, a value, an error,
// as every front end sees them. Pure conversions; the kernel and its commands use them.
import * as tf from '../index.js';
import type { OpInfo } from './events.js';

/**
 * A run as front ends see it: the ops it evaluated, its values as text (numpy-style; tensors over 16
 * elements as their shape), what it fetched.
 */
export function runView(info: tf.RunInfo): { ops: string[]; values: Record<string, string>; fetched: string[] } {
  const values: Record<string, string> = {};
  for (const [name, v] of info.values) values[name] = valueText(v);
  return { ops: info.ops.map((o) => o.name), values, fetched: [...info.fetched] };
}

/** A value as front ends show it: numpy-style, or over 16 elements its dtype and shape. */
export function valueText(v: tf.NDArray): string {
  return v.size <= 16 ? String(v) : `<${v.dtype} ${JSON.stringify(v.shape)}>`;
}

/** An op as the ops panel lists it: name, type, inputs (control inputs as `^name`), device. */
export function opInfo(op: tf.Operation): OpInfo {
  return { name: op.name, type: op.type, inputs: [...op.inputs.map((t) => t.name), ...op.controlInputs.map((c) => `^${c.name}`)], device: op.device };
}

/**
 * The default graph's variables, and how many of them the session that last ran this graph (`lastRun`'s)
 * holds values for: the status line's `2 variables, not initialized`. Null in eager mode, where a variable
 * has its value from the start.
 */
export function variablesStatus(lastRun: tf.RunInfo | null): { total: number; initialized: number } | null {
  if (tf.executingEagerly()) return null;
  const graph = tf.getDefaultGraph();
  const variables = tf.globalVariables();
  const session = lastRun?.session.graph === graph ? lastRun.session : null;
  const held = new Set(session?.initializedVariables() ?? []);
  return { total: variables.length, initialized: variables.filter((v) => held.has(v.op.name)).length };
}

/** Errors as TF names them: an interrupted input is Python's KeyboardInterrupt. */
export function asError(e: unknown): Error {
  // Errors thrown by the input's own code come from the vm context's realm: not `instanceof Error` here.
  if (typeof e === 'object' && e !== null && 'message' in e && 'name' in e) {
    const err = e as Error;
    // Node's code for breakOnSigint (older releases threw 'Script execution interrupted.').
    if ((err as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_INTERRUPTED' || err.message === 'Script execution interrupted.') {
      return keyboardInterrupt();
    }
    if ((err as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') {
      const t = new Error(`the input ran longer than ${err.message.match(/\d+ms/)?.[0] ?? 'its time limit'} and was stopped; every earlier variable, op and session is kept.`);
      t.name = 'TimeoutError';
      return t;
    }
    return err;
  }
  const err = new Error(String(e));
  err.name = 'Error';
  return err;
}

export function keyboardInterrupt(): Error {
  const k = new Error('the input was interrupted; every earlier variable, op and session is kept.');
  k.name = 'KeyboardInterrupt';
  return k;
}
