// Up/Down recall of whole inputs (a multi-line function comes back as one entry, the most requested REPL
// feature: nodejs/node#20817). What was being typed before the first Up comes back after the last Down.
// A value, not an object: the editor's reducer (editor-reducer.ts) keeps it in its state and stays pure.

export interface InputHistory {
  /** Oldest first. */
  readonly entries: readonly string[];
  /** Index into entries while recalling; entries.length when not. */
  readonly at: number;
  /** What was typed before the first Up. */
  readonly draft: string;
  readonly limit: number;
}

export function newHistory(entries: readonly string[] = [], limit = 1000): InputHistory {
  const kept = entries.slice(-limit);
  return { entries: kept, at: kept.length, draft: '', limit };
}

/** A finished input remembered (not a repeat of the last one, not a blank one); any recall ends. */
export function addToHistory(h: InputHistory, input: string): InputHistory {
  const entries = input.trim() !== '' && h.entries.at(-1) !== input ? [...h.entries, input].slice(-h.limit) : h.entries;
  return { ...h, entries, at: entries.length };
}

/** The entry before the one shown, or null at the oldest; `current` is what the user has typed so far. */
export function historyUp(h: InputHistory, current: string): [InputHistory, string | null] {
  if (h.at === 0) return [h, null];
  const draft = h.at === h.entries.length ? current : h.draft;
  return [{ ...h, at: h.at - 1, draft }, h.entries[h.at - 1]];
}

/** The entry after the one shown, the draft after the newest, or null when not recalling. */
export function historyDown(h: InputHistory): [InputHistory, string | null] {
  if (h.at === h.entries.length) return [h, null];
  const at = h.at + 1;
  return [{ ...h, at }, at === h.entries.length ? h.draft : h.entries[at]];
}

/** Typing something new ends the recall: the next Up starts from the newest entry again. */
export function endRecall(h: InputHistory): InputHistory {
  return h.at === h.entries.length ? h : { ...h, at: h.entries.length };
}
