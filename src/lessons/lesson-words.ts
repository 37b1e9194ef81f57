// The lesson's own words, as both front ends write them (lesson-prompt.ts, ui-lesson.ts): its prose with a
// blank line either side, tensorshell's dim notes, and lines of its own — never two blank lines in a row.
// Each front end says only where text goes and how wide it wraps.
import { type Paint, renderProse, wrapInline } from './prose.js';

export abstract class LessonWords {
  abstract readonly p: Paint;
  /** Whether what was written last ends in a blank line, so that prose and notes never leave two. */
  protected atBlank = true;

  /** The width prose and notes wrap at; undefined: they are not wrapped (not a terminal). */
  protected abstract wrapWidth(): number | undefined;

  /** Text out, as the front end shows it (it ends in a line break). */
  protected abstract emit(text: string): void;

  /** The lesson's prose, with a blank line either side. */
  prose(lines: readonly string[]): void {
    const shown = renderProse(lines, this.wrapWidth());
    if (shown.length > 0) this.write(`${this.atBlank ? '' : '\n'}${shown.join('\n')}\n\n`);
  }

  /** A dim line of tensorshell's own (not the lesson's text), wrapped at a terminal. */
  note(text: string): void {
    const width = this.wrapWidth();
    this.say(...(width === undefined ? [text] : wrapInline(text, width)).map((l) => this.p.dim(l)));
  }

  /** Lines of tensorshell's own; a leading '' is a blank line before them, unless there is one already. */
  say(...lines: string[]): void {
    if (lines[0] === '' && this.atBlank) lines = lines.slice(1);
    if (lines.length > 0) this.write(`${lines.join('\n')}\n`);
  }

  protected write(text: string): void {
    this.emit(text);
    this.atBlank = text.endsWith('\n\n') || (this.atBlank && text === '\n');
  }
}
