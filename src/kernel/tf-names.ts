// What a front end learns from the engine itself: the devices, and the `tf.` names Tab completes. The kernel
// process sends both to the Ink UI in its ready message, so the UI never loads the engine.
import * as tf from '../index.js';
import { commands } from './commands/index.js';
import { completeInContext } from './complete-members.js';
import { COMMAND_NAMES, completeNames, type TfNames } from './complete-names.js';

/** The devices ops can be placed on here (`/cpu:0`, `/gpu:0`), for a front end's status line. */
export function listDevices(): string[] {
  return tf.listDevices();
}

let names: TfNames | undefined;

/** `tf`'s names by namespace: `{ tf: ['Session', 'add', …], 'tf.train': ['AdamOptimizer', …], … }`, and the `:` commands'. */
export function tfNames(): TfNames {
  if (names !== undefined) return names;
  const table: Record<string, string[]> = {};
  const walk = (path: string, obj: object, depth: number) => {
    const keys = Object.keys(obj).filter((k) => !k.startsWith('_')).sort();
    table[path] = keys;
    if (depth === 0) return;
    for (const k of keys) {
      const v = (obj as Record<string, unknown>)[k];
      // Namespaces (tf.train, tf.errors), not functions or classes: their own keys are not API.
      if (v !== null && typeof v === 'object' && !Array.isArray(v)) walk(`${path}.${k}`, v, depth - 1);
    }
  };
  walk('tf', tf, 2);
  table[COMMAND_NAMES] = commands.map((c) => c.name).sort();
  names = table;
  return names;
}

/** Tab completion of `tf.` names (and `tf.train.` and so on), as readline's completer wants it. */
export function completeTf(line: string): [string[], string] {
  return completeNames(tfNames(), line);
}


/** Tab completion in a kernel's context: `tf.` names, then members (`sess.r`) and the session's names. */
export function contextCompleter(context: object): (line: string) => [string[], string] {
  return (line) => completeInContext(context, tfNames(), line);
}
