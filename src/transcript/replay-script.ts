// `tensorshell replay`: a transcript as a speaker's script. The blocks become one list of items — a pause,
// a mode switch, an input to type (or, in a hidden block, to run unseen) — and a position in that list says
// how far the replay has come, down to the character being typed. Everything here is pure; the Ink UI
// (src/ui/replay-controller.ts) does the typing, running and waiting.
//
// Typing: each key types the next CHARS_PER_KEY characters (doitlive's "speed" of 3), and a run of spaces
// goes along with the character after it, so indentation costs no keys. A key at the end of a line that is
// not the input's last starts its next line (the `... ` continuation); at the end of the input keys do
// nothing more — Enter runs it.
import type { Mode } from '../kernel/events.js';
import type { ReplayItem, ReplayPosition, ReplaySource } from '../ui/replay-types.js';
import type { Block } from './format.js';

export const CHARS_PER_KEY = 3;

/** e.g. `new ReplayScript(parseTranscript(text, file), file)`. */
export class ReplayScript implements ReplaySource {
  readonly items: ReplayItem[] = [];
  /** Named anchors in file order, each at the first item after its block's pause. */
  readonly anchors: Array<{ name: string; item: number; block: number }> = [];
  readonly shownSteps: number;
  private readonly views: Array<{ chart: boolean; graph: boolean }>;

  constructor(blocks: readonly Block[], readonly file: string) {
    let shown = 0;
    blocks.forEach((block, b) => {
      if (block.pause) this.items.push({ kind: 'pause', block: b });
      if (block.anchor !== undefined) this.anchors.push({ name: block.anchor, item: this.items.length, block: b });
      // The file starts in lazy mode whatever mode the kernel is in (after `[` restarts it, the one it had).
      const mode: Mode | undefined = block.mode ?? (b === 0 ? 'lazy' : undefined);
      if (mode !== undefined) this.items.push({ kind: 'mode', mode, block: b });
      for (const step of block.steps) {
        const number = block.hidden ? 0 : ++shown;
        this.items.push({ kind: 'step', lines: step.input.split('\n'), hidden: block.hidden, number, fileLine: step.line, block: b });
      }
    });
    this.shownSteps = shown;
    this.views = blocks.map((b) => ({ chart: b.chart, graph: b.graph }));
  }

  /** The item `--from name` starts at, or undefined for a name the file does not have. */
  anchorItem(name: string): number | undefined {
    return this.anchors.find((a) => a.name === name)?.item;
  }

  view(block: number): { chart: boolean; graph: boolean } {
    return this.views[block] ?? { chart: false, graph: false };
  }

  typeKey(pos: ReplayPosition): ReplayPosition {
    const lines = this.linesAt(pos);
    if (lines === null) return pos;
    const text = lines[pos.line];
    if (pos.col >= text.length) return pos.line + 1 < lines.length ? { ...pos, line: pos.line + 1, col: 0 } : pos;
    let end = pos.col;
    while (end < text.length && text[end] === ' ') end++;
    return { ...pos, col: Math.min(text.length, end + CHARS_PER_KEY) };
  }

  typeChar(pos: ReplayPosition): ReplayPosition {
    const lines = this.linesAt(pos);
    if (lines === null) return pos;
    if (pos.col < lines[pos.line].length) return { ...pos, col: pos.col + 1 };
    return pos.line + 1 < lines.length ? { ...pos, line: pos.line + 1, col: 0 } : pos;
  }

  finish(pos: ReplayPosition): ReplayPosition {
    const lines = this.linesAt(pos);
    return lines === null ? pos : { item: pos.item, line: lines.length - 1, col: lines.at(-1)!.length };
  }

  typed(pos: ReplayPosition): { buffer: string[]; line: string } {
    const lines = this.linesAt(pos);
    if (lines === null) return { buffer: [], line: '' };
    return { buffer: lines.slice(0, pos.line), line: lines[pos.line].slice(0, pos.col) };
  }

  fullyTyped(pos: ReplayPosition): boolean {
    const lines = this.linesAt(pos);
    return lines !== null && pos.line === lines.length - 1 && pos.col >= lines[pos.line].length;
  }

  anchorAt(item: number): string | null {
    return this.anchors.filter((a) => a.item <= item).at(-1)?.name ?? null;
  }

  previousAnchor(pos: ReplayPosition): number {
    // The file's start is a place to go back to as well, unless an anchor already stands on its first block.
    const marks = [...(this.anchors[0]?.block === 0 ? [] : [0]), ...this.anchors.map((a) => a.item)];
    const behind = marks.filter((m) => m <= pos.item);
    if (behind.length === 0) return 0;
    const current = behind.at(-1)!;
    return this.shownSince(current, pos) || behind.length === 1 ? current : behind.at(-2)!;
  }

  nextAnchor(pos: ReplayPosition): number | null {
    return this.anchors.find((a) => a.item > pos.item)?.item ?? null;
  }

  /** Whether the audience has seen something since item `from`: an input run, or the one at `pos` begun. */
  private shownSince(from: number, pos: ReplayPosition): boolean {
    const shownStep = (i: number) => {
      const item = this.items[i];
      return item?.kind === 'step' && !item.hidden;
    };
    for (let i = from; i < pos.item; i++) if (shownStep(i)) return true;
    return shownStep(pos.item) && (pos.line > 0 || pos.col > 0);
  }

  /** The lines of the input at `pos`, or null when the item there is not one. */
  private linesAt(pos: ReplayPosition): string[] | null {
    const item = this.items[pos.item];
    return item?.kind === 'step' ? item.lines : null;
  }
}
