// `:save-vars model.ckpt`: every variable the REPL knows (checkpoint-vars.ts) as a TensorFlow V2 checkpoint
// at that prefix, `model.ckpt.index` and `model.ckpt.data-00000-of-00001`, through tf.train.Saver: temporary
// files, fsync, rename, so an interrupted save leaves the checkpoint that was there whole. No `checkpoint`
// state file is written: one the learner's own Saver keeps in that directory is left alone.
//
// A lazy-mode variable the session holds no value for is skipped with a note rather than refused: the ones
// that have values are what the learner means to keep, and the note says what was left out and why.
import { bundleExists, dataFile, indexFile } from '../../io/bundle.js';
import { SaverImpl } from '../../train/saver.js';
import type { Command } from './command.js';
import { checkDirectory, names, parseVarsArgs, variableSet } from './checkpoint-vars.js';
import { plural } from './reset.js';

/** `sess.run(tf.globalVariablesInitializer())`, or words where the session has no JS name. */
export function initHint(label: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(label) ? `${label}.run(tf.globalVariablesInitializer())` : 'run tf.globalVariablesInitializer() in it';
}

export const saveVars: Command = {
  name: 'save-vars',
  summary: "save every variable as a TF V2 checkpoint (lazy: the graph's, a session's values; eager: your JS names')",
  usage: '<prefix> [session]',
  run(kernel, args) {
    const a = parseVarsArgs('save-vars', args);
    const set = variableSet(kernel, 'save-vars', a);
    let saved = set.vars;
    let skipped: string[] = [];
    if (set.session !== null) {
      const held = new Set(set.session.initializedVariables());
      saved = new Map([...set.vars].filter(([key]) => held.has(key)));
      skipped = [...set.vars.keys()].filter((key) => !held.has(key));
      if (saved.size === 0) {
        throw new Error(`:save-vars: nothing to save: ${set.sessionLabel} holds no value for the ${plural(set.vars.size, 'variable')} (${names(set.vars.keys())}) yet; initialize them first: ${initHint(set.sessionLabel)}`);
      }
    }
    checkDirectory('save-vars', a.prefix);
    const existed = bundleExists(a.prefix);
    new SaverImpl({ varList: Object.fromEntries(saved), graphOps: false }).save(set.session, a.prefix, { writeState: false });
    const what = set.eager
      ? `saved ${plural(saved.size, 'eager variable')} (${names(saved.keys())}) to ${a.prefix}, under their JS names`
      : `saved ${plural(saved.size, 'variable')} (${names(saved.keys())}) from ${set.sessionLabel} to ${a.prefix}`;
    const lines = [
      what,
      `wrote ${indexFile(a.prefix)} and ${dataFile(a.prefix)}, a TensorFlow V2 checkpoint${existed ? ' (it replaced the one that was there)' : ''}; :restore-vars ${a.prefix} reads it back, as does TF's tf.train.load_checkpoint`,
    ];
    if (skipped.length > 0) {
      const one = skipped.length === 1;
      lines.push(`skipped ${plural(skipped.length, 'uninitialized variable')} (${names(skipped)}): ${set.sessionLabel} holds no value for ${one ? 'it' : 'them'} yet; initialize ${one ? 'it' : 'them'} and :save-vars again to include ${one ? 'it' : 'them'}`);
    }
    if (set.sessionNote) lines.push(set.sessionNote);
    return lines.join('\n');
  },
};
