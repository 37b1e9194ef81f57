// `:restore-vars model.ckpt`: the REPL's variables (checkpoint-vars.ts) set from a checkpoint, all or none.
// tf.train.Saver's restore checks every tensor — the table's checksums, each tensor's CRC32C, dtypes and
// shapes — before it sets any, so a truncated, corrupt or mismatched checkpoint is an error that changes
// nothing, and the output says so.
//
// Variables are matched by checkpoint key (op name in lazy mode, JS name in eager mode). A variable the
// checkpoint lacks, or a tensor no variable here matches, is named in a note and left alone, as TF 2's
// `Checkpoint.restore(…).expect_partial()` does: the learner who added a variable after saving still gets the
// others back. A checkpoint that matches no variable at all is an error.
import { BundleReader, bundleExists, indexFile } from '../../io/bundle.js';
import { SaverImpl } from '../../train/saver.js';
import type { Command } from './command.js';
import { names, parseVarsArgs, variableSet } from './checkpoint-vars.js';
import { plural } from './reset.js';

const UNCHANGED = 'nothing was restored: every variable keeps the value it had';

export const restoreVars: Command = {
  name: 'restore-vars',
  summary: 'set the variables from a :save-vars checkpoint, all or none (every tensor is checked before any is set)',
  usage: '<prefix> [session]',
  run(kernel, args) {
    const a = parseVarsArgs('restore-vars', args);
    const set = variableSet(kernel, 'restore-vars', a);
    const prefix = a.prefix;
    if (!bundleExists(prefix)) {
      const bare = prefix.replace(/\.(?:index|data-\d{5}-of-\d{5})$/, '');
      const hint = bare !== prefix && bundleExists(bare) ? `; give the prefix, without the file's ending: :restore-vars ${bare}` : '';
      throw new Error(`:restore-vars: no checkpoint at ${prefix}: ${indexFile(prefix)} does not exist${hint}\n${UNCHANGED}`);
    }
    try {
      const reader = new BundleReader(prefix);
      const keys = [...reader.entries.keys()];
      const matched = new Map([...set.vars].filter(([key]) => reader.entries.has(key)));
      if (matched.size === 0) {
        const here = set.eager ? 'the JS names of eager variables' : "the default graph's variables";
        throw new Error(`:restore-vars: none of the checkpoint's ${plural(keys.length, 'tensor')} (${names(keys)}) is a variable here (${here}: ${names(set.vars.keys())})`);
      }
      new SaverImpl({ varList: Object.fromEntries(matched), graphOps: false }).restore(set.session, prefix);
      const held = new Set(set.session?.initializedVariables() ?? []);
      const missing = [...set.vars.keys()].filter((key) => !matched.has(key)).map((key) => (set.session && !held.has(key) ? `${key} (uninitialized)` : key));
      const extra = keys.filter((key) => !set.vars.has(key));
      const lines = [set.eager
        ? `restored ${plural(matched.size, 'eager variable')} (${names(matched.keys())}) from ${prefix}`
        : `restored ${plural(matched.size, 'variable')} (${names(matched.keys())}) into ${set.sessionLabel} from ${prefix}`];
      if (missing.length > 0) lines.push(`not in the checkpoint, so left as ${missing.length === 1 ? 'it was' : 'they were'}: ${names(missing)}`);
      if (extra.length > 0) lines.push(`in the checkpoint but no variable here, so not restored: ${names(extra)}`);
      if (set.sessionNote) lines.push(set.sessionNote);
      return lines.join('\n');
    } catch (e) {
      if (e instanceof Error) e.message = `${e.message}\n${UNCHANGED}`;
      throw e;
    }
  },
};
