// Up/Down recall of whole inputs (a multi-line function comes back as one entry, the most requested REPL
// feature: nodejs/node#20817). What was being typed before the first Up comes back after the last Down.

export class InputHistory {
  /** Oldest first. */
  private readonly entries: string[];
  /** Index into entries while recalling; entries.length when not. */
  private at: number;
  private draft = '';

  constructor(entries: readonly string[] = [], private readonly limit = 1000) {
    this.entries = entries.slice(-limit);
    this.at = this.entries.length;
  }

  /** Remembers a finished input (not a repeat of the last one) and ends any recall. */
  add(input: string): void {
    if (input.trim() !== '' && this.entries.at(-1) !== input) this.entries.push(input);
    if (this.entries.length > this.limit) this.entries.shift();
    this.at = this.entries.length;
  }

  /** The entry before the one shown, or null at the oldest; `current` is what the user has typed so far. */
  up(current: string): string | null {
    if (this.at === 0) return null;
    if (this.at === this.entries.length) this.draft = current;
    return this.entries[--this.at];
  }

  /** The entry after the one shown, the draft after the newest, or null when not recalling. */
  down(): string | null {
    if (this.at === this.entries.length) return null;
    this.at++;
    return this.at === this.entries.length ? this.draft : this.entries[this.at];
  }

  /** Typing something new ends the recall: the next Up starts from the newest entry again. */
  reset(): void {
    this.at = this.entries.length;
  }
}
