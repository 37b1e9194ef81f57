// What the Ink UI needs of a replay script: ReplayScript's surface (src/transcript/replay-script.ts builds one
// from a transcript file). The UI depends on this shape only, as it depends on UiKernel and not on the kernel
// (the dependency test in test/ui-parts.test.ts: the UI imports ui/ and kernel/ alone).
import type { Mode } from '../kernel/events.js';
import type { Beats } from './replay-speed.js';

/** Where a replay stands: the next item to do, and for an input how much of it is typed (line, column). */
export interface ReplayPosition {
  item: number;
  line: number;
  col: number;
}

/** `typing`: an input is on its way; `running`: it runs; `silent`: unseen inputs run; `paused`: `<!-- pause -->`. */
export type ReplayPhase = 'silent' | 'typing' | 'running' | 'paused' | 'done';

/** One thing a replay does, in file order. */
export type ReplayItem =
  /** `<!-- pause -->`: wait for a key before the block. */
  | { kind: 'pause'; block: number }
  /** Switch the kernel's mode before the block (silently); the file starts in lazy mode. */
  | { kind: 'mode'; mode: Mode; block: number }
  /** An input: typed and run, or, in a hidden block, run silently. `number` counts shown inputs from 1 (0 if hidden). */
  | { kind: 'step'; lines: string[]; hidden: boolean; number: number; fileLine: number; block: number };

/** The script a replay follows; every method is pure (positions are values). */
export interface ReplaySource {
  /** The transcript's path, for messages (`lessons/01.md:12`). */
  readonly file: string;
  readonly items: readonly ReplayItem[];
  /** How many inputs are typed (hidden ones not counted). */
  readonly shownSteps: number;
  /** `<!-- chart -->` and `<!-- graph -->` of block `block`. */
  view(block: number): { chart: boolean; graph: boolean };
  /** One key's worth of typing further (at the end of a line: the next line; at the end: the same). */
  typeKey(pos: ReplayPosition): ReplayPosition;
  /** One character further, for `--speed` (a line break counts as one). */
  typeChar(pos: ReplayPosition): ReplayPosition;
  /** The whole input typed. */
  finish(pos: ReplayPosition): ReplayPosition;
  /** What shows at the prompt: the finished lines of the input, and the line being typed. */
  typed(pos: ReplayPosition): { buffer: string[]; line: string };
  fullyTyped(pos: ReplayPosition): boolean;
  /** The anchor whose section `item` is in, or null before the first anchor. */
  anchorAt(item: number): string | null;
  /** Where `[` goes: the current section's start once something of it was shown, else the one before. */
  previousAnchor(pos: ReplayPosition): number;
  /** Where `]` goes: the next anchor's item, or null after the last. */
  nextAnchor(pos: ReplayPosition): number | null;
}

/** `tensorshell replay FILE [--from ANCHOR] [--speed N]`, as the UI takes it. */
export interface ReplayOptions {
  script: ReplaySource;
  /** The item to start at (`--from`): what comes before it runs silently first. */
  start?: number;
  /** `--speed N`: type N characters a second without keys; absent: each key types the next chunk. */
  speed?: number;
  /** `--speed`: how long the output stays before the next input is typed, and the wait before Enter (ms). */
  beats?: Beats;
}
