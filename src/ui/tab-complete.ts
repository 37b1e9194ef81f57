// Tab at the prompt. At a line's start it indents; else it completes the name before the cursor from what
// the UI knows at once — the `tf.` names the kernel sent, the learner's own top-level names — and, for a
// member (`sess.r`, `w.as`), which only the kernel can know, it asks the kernel (a `complete` effect): its
// answer comes back as a `completion` event and is applied if the input is still as it was when Tab was
// pressed (a key typed meanwhile wins; the answer is dropped).
import { complete } from './completion.js';
import type { EditorEffect, EditorEnv, EditorState } from './editor-reducer.js';
import * as edit from './line-edit.js';
import { completeWithNames } from './user-names.js';

/** The kernel's answer to a `complete` effect, with the input it was asked for. */
export interface CompletionAnswer {
  text: string;
  cursor: number;
  matches: string[];
  prefix: string;
}

/** `a.b.pre` before the cursor: a member, only the kernel's context can complete it. */
const MEMBER = /(?:^|[^\w$.])[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*\.[\w$]*$/;

export function tab(s: EditorState, env: EditorEnv, fx: (e: EditorEffect) => void): EditorState {
  const start = edit.lineStart(s.input);
  const before = s.input.text.slice(start, s.input.cursor);
  if (before.trim() === '') return { ...s, input: edit.insert(s.input, '  ') };
  const [matches, prefix] = completeWithNames(env.completer, s.names, before);
  if (matches.length === 0 && MEMBER.test(before)) {
    fx({ type: 'complete', line: before, text: s.input.text, cursor: s.input.cursor });
    return s;
  }
  return fill(s, matches, prefix);
}

/** The kernel's completions, if the input has not changed since it was asked. */
export function completion(s: EditorState, answer: CompletionAnswer): EditorState {
  if (s.input.text !== answer.text || s.input.cursor !== answer.cursor || s.held.length > 0) return s;
  return fill(s, answer.matches, answer.prefix);
}

/** One match filled in; several filled to their common part, or listed in the hint. */
function fill(s: EditorState, matches: string[], prefix: string): EditorState {
  const start = edit.lineStart(s.input);
  const before = s.input.text.slice(start, s.input.cursor);
  if (!before.endsWith(prefix)) return s;
  const done = complete(before, () => [matches, prefix]);
  const input = { text: s.input.text.slice(0, start) + done.line + s.input.text.slice(s.input.cursor), cursor: start + done.line.length };
  return { ...s, input, hint: done.candidates.length > 0 ? done.candidates.join('  ') : null };
}
