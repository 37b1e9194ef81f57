// A character grid with a style per cell, and lines drawn as box-drawing characters: each cell collects
// the directions lines leave it in, so crossings and joins get the right glyph (─ │ ┌ ┐ └ ┘ ├ ┤ ┬ ┴ ┼).

/** How a piece of the drawing is meant to look; front ends pick colours, the plain text ignores it. */
export type Style = 'plain' | 'box' | 'fetched' | 'dim' | 'edge' | 'pos' | 'neg' | 'value' | 'grad' | 'note';

export interface StyledSegment {
  text: string;
  style: Style;
}

/** One row of the view: its segments in order (no trailing blanks). */
export type StyledLine = StyledSegment[];

const LEFT = 1;
const RIGHT = 2;
const UP = 4;
const DOWN = 8;
const GLYPHS: Record<number, string> = {
  [LEFT]: '─', [RIGHT]: '─', [LEFT | RIGHT]: '─', [UP]: '│', [DOWN]: '│', [UP | DOWN]: '│',
  [RIGHT | DOWN]: '┌', [LEFT | DOWN]: '┐', [RIGHT | UP]: '└', [LEFT | UP]: '┘',
  [LEFT | RIGHT | DOWN]: '┬', [LEFT | RIGHT | UP]: '┴', [UP | DOWN | RIGHT]: '├', [UP | DOWN | LEFT]: '┤',
  [LEFT | RIGHT | UP | DOWN]: '┼',
};

export class Canvas {
  private readonly chars: string[][];
  private readonly styles: Style[][];
  private readonly masks: number[][];
  /** Cells some line that the last run used passes (a line drawn dim everywhere else). */
  private readonly live: boolean[][];

  constructor(readonly width: number, readonly height: number) {
    const grid = <T>(v: T) => Array.from({ length: height }, () => new Array<T>(width).fill(v));
    this.chars = grid(' ');
    this.styles = grid<Style>('plain');
    this.masks = grid(0);
    this.live = grid(false);
  }

  /** Writes `text` from (col, row) on, cut at the canvas's edge. */
  text(col: number, row: number, text: string, style: Style): void {
    [...text].forEach((ch, i) => this.set(col + i, row, ch, style));
  }

  set(col: number, row: number, ch: string, style: Style): void {
    if (row < 0 || row >= this.height || col < 0 || col >= this.width) return;
    this.chars[row][col] = ch;
    this.styles[row][col] = style;
  }

  /** A horizontal or vertical line, ends included; `dim` unless some other line there is not. */
  line(x1: number, y1: number, x2: number, y2: number, dim: boolean): void {
    if (y1 === y2) {
      const [a, b] = x1 <= x2 ? [x1, x2] : [x2, x1];
      for (let x = a; x <= b; x++) this.mark(x, y1, (x > a ? LEFT : 0) | (x < b ? RIGHT : 0) | (a === b ? RIGHT : 0), dim);
    } else {
      const [a, b] = y1 <= y2 ? [y1, y2] : [y2, y1];
      for (let y = a; y <= b; y++) this.mark(x1, y, (y > a ? UP : 0) | (y < b ? DOWN : 0), dim);
    }
  }

  private mark(col: number, row: number, dirs: number, dim: boolean): void {
    if (row < 0 || row >= this.height || col < 0 || col >= this.width) return;
    this.masks[row][col] |= dirs;
    this.live[row][col] ||= !dim;
    this.chars[row][col] = GLYPHS[this.masks[row][col]] ?? ' ';
    this.styles[row][col] = this.live[row][col] ? 'edge' : 'dim';
  }

  /** An arrowhead over a line's last cell, in the line's style. */
  arrow(col: number, row: number): void {
    if (row < 0 || row >= this.height || col < 0 || col >= this.width) return;
    this.chars[row][col] = '▶';
  }

  /** The rows `top`… (at most `rows`), columns `left`… (at most `cols`), as styled segments. */
  window(left: number, top: number, cols: number, rows: number): StyledLine[] {
    const out: StyledLine[] = [];
    for (let r = top; r < Math.min(this.height, top + rows); r++) {
      const line: StyledLine = [];
      for (let c = left; c < Math.min(this.width, left + cols); c++) {
        const style = this.chars[r][c] === ' ' ? 'plain' : this.styles[r][c];
        const last = line[line.length - 1];
        if (last?.style === style) last.text += this.chars[r][c];
        else line.push({ text: this.chars[r][c], style });
      }
      out.push(trimEnd(line));
    }
    return out;
  }
}

function trimEnd(line: StyledLine): StyledLine {
  while (line.length > 0) {
    const last = line[line.length - 1];
    if (last.style === 'plain') last.text = last.text.trimEnd();
    if (last.text !== '') break;
    line.pop();
  }
  return line;
}

/** The view as text without styles: what `:graph` prints and transcripts keep. */
export function plainText(lines: readonly StyledLine[]): string {
  return lines.map((l) => l.map((s) => s.text).join('')).join('\n');
}
