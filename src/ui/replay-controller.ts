// `tensorshell replay`: the script drives the prompt. Keys type the next chunk of the input (or, with
// `--speed`, a timer types it), Enter runs it, and nothing more is typed until the kernel has finished;
// what the audience need not see — hidden blocks, mode switches, the steps a jump skips — runs unseen.
// Ctrl-P hands the prompt to the speaker and back; `[` and `]` jump between anchors. The UI around it
// (use-replay.ts) only renders what this says and feeds it keys and the kernel's busy/alive state.
import type { Key } from 'ink';
import type { ExecuteStatus } from '../kernel/events.js';
import type { QuietKernel } from './replay-kernel.js';
import { DEFAULT_BEATS, nextTyping } from './replay-speed.js';
import { replayStatus } from './replay-status.js';
import type { ReplayOptions, ReplayPhase, ReplayPosition, ReplaySource } from './replay-types.js';
import { countInputs, runUnseen } from './replay-unseen.js';
import { ReplayViews } from './replay-views.js';
import type { UiAction } from './state.js';

export interface ReplayDeps {
  kernel: Pick<QuietKernel, 'mode' | 'quiet' | 'restart'>;
  /** Runs an input as if typed: it shows in the history (use-kernel's execute). */
  execute(code: string): Promise<ExecuteStatus>;
  local(action: UiAction): void;
  /** An input the script ran, for Up at the speaker's prompt. */
  remember(code: string): void;
}

const at = (item: number): ReplayPosition => ({ item, line: 0, col: 0 });

export class ReplayController {
  pos: ReplayPosition;
  phase: ReplayPhase = 'silent';
  /** Ctrl-P: the speaker has the prompt and the script waits. */
  speaker = false;
  /** Bumped on every change (the UI re-renders, and the text input starts over with its cursor at the end). */
  version = 0;
  /** The kernel as the UI last saw it: an input the replay did not start may run (the speaker's). */
  kernelState = { busy: false, alive: true };
  private readonly listeners = new Set<() => void>();
  /** An async sequence (start, run, jump) is under way: no other starts until it ends. */
  private working = false;
  private timer: NodeJS.Timeout | null = null;
  /** `--speed` waits a beat before typing an input that comes after an output. */
  private afterOutput = false;
  private readonly views: ReplayViews;
  private disposed = false;

  constructor(readonly script: ReplaySource, private readonly options: Omit<ReplayOptions, 'script'>, private readonly deps: ReplayDeps) {
    this.pos = at(options.start ?? 0);
    this.views = new ReplayViews(script, deps.local);
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Runs what comes before `--from` unseen, then goes up to the first input. */
  start(): Promise<void> {
    return this.work(async () => {
      const from = this.pos.item;
      if (from > 0) {
        const stop = await this.unseen(0, from, 'run');
        this.pos = at(stop);
        if (stop === from) this.note(`replay: starting at anchor ${this.script.anchorAt(stop)}; the ${countInputs(this.script, 0, stop)} before it ran unseen`);
      }
      await this.settle();
    });
  }

  dispose(): void {
    this.disposed = true;
    this.clearTimer();
  }

  setKernelState(busy: boolean, alive: boolean): void {
    if (busy === this.kernelState.busy && alive === this.kernelState.alive) return;
    const revived = alive && !busy && (!this.kernelState.alive || this.kernelState.busy) && this.phase === 'silent';
    this.kernelState = { busy, alive };
    this.changed();
    // The kernel died while the replay ran inputs unseen, and Ctrl-R brought it back: the replay goes on.
    if (revived && !this.speaker) void this.work(() => this.settle());
  }

  /** What the prompt shows while the script has it; null while the speaker has it. */
  typed(): { buffer: string[]; line: string } | null {
    if (this.speaker) return null;
    return this.phase === 'typing' ? this.script.typed(this.pos) : { buffer: [], line: '' };
  }

  status(): string {
    const { script, pos, phase, speaker } = this;
    return replayStatus({ script, pos, phase, speaker, ...this.kernelState, speed: this.options.speed });
  }

  /** A key while the replay runs; true when the replay took it, so the editor must not. */
  key(input: string, key: Key): boolean {
    if (key.ctrl && input === 'p') {
      this.toggleSpeaker();
      return true;
    }
    // Ctrl-C/D/R/G, Esc and PgUp/PgDn (the graph view's) keep their meaning; every other key is the script's.
    if (this.speaker || key.ctrl || key.escape || key.pageUp || key.pageDown) return false;
    // While an input runs (or the kernel is dead) keys are dropped: none waits to run the next input.
    const idle = !this.working && !this.kernelState.busy && this.kernelState.alive;
    if (!idle) return true;
    if (input === '[') void this.jump(this.script.previousAnchor(this.pos), true);
    else if (input === ']') {
      const next = this.script.nextAnchor(this.pos);
      if (next !== null && this.phase !== 'done') void this.jump(next, false);
    } else if (this.phase === 'paused') void this.work(() => this.advance());
    else if (this.phase === 'typing') this.type(input, key);
    return true;
  }

  /** Keys typed quickly (or sent by tmux) come as one chunk: a chunk of the script for each character. */
  private type(input: string, key: Key): void {
    const printable = input.replace(/[\u0000-\u001F\u007F]/g, '');
    if (!this.options.speed) for (const _ of printable) this.pos = this.script.typeKey(this.pos);
    if (printable !== '' || key.return) this.views.movedOn();
    if (key.return || /[\r\n]/.test(input)) void this.enter();
    else this.changed();
  }

  private toggleSpeaker(): void {
    this.speaker = !this.speaker;
    this.changed();
    // The script goes on where it stopped: a hidden input or a mode switch it had not reached yet runs now.
    if (!this.speaker && this.phase !== 'done') void this.work(() => this.settle());
  }

  /** Enter: the rest of the input appears at once and runs; the next waits until it has finished. */
  private enter(): Promise<void> {
    return this.work(async () => {
      const item = this.script.items[this.pos.item];
      if (item?.kind !== 'step') return;
      const code = item.lines.join('\n');
      this.pos = this.script.finish(this.pos);
      this.set('running');
      const status = await this.deps.execute(code);
      this.deps.remember(code);
      if (status === 'incomplete') this.note(`replay: the input at ${this.script.file}:${item.fileLine} ends in the middle of a statement; it was skipped`);
      this.afterOutput = true;
      this.views.ran(this.pos.item);
      await this.advance();
    });
  }

  /** `[` (back: a fresh kernel runs everything before the target unseen) and `]` (the skipped steps run unseen). */
  private jump(target: number, back: boolean): Promise<void> {
    return this.work(async () => {
      const from = back ? 0 : this.pos.item;
      this.views.movedOn();
      const stop = await this.unseen(from, target, back ? 'restart' : 'run');
      this.pos = at(stop);
      this.afterOutput = false;
      // Interrupted, it said where it stopped.
      if (stop !== target) return this.settle();
      const name = this.script.anchorAt(stop);
      const where = name === null ? 'the start' : `anchor ${name}`;
      const inputs = countInputs(this.script, from, stop);
      if (!back) this.note(`replay: on to ${where}; ran the ${inputs} in between unseen`);
      else this.note(`replay: back to ${where} with a fresh kernel${stop > 0 ? `, which ran the ${inputs} before it unseen` : ''}`);
      await this.settle();
    });
  }

  private async advance(): Promise<void> {
    this.pos = at(this.pos.item + 1);
    await this.settle();
  }

  /** Does what needs no key — mode switches, view directives, hidden inputs — up to an input to type, a pause or the end. */
  private async settle(): Promise<void> {
    while (!this.disposed && !this.speaker) {
      const item = this.script.items[this.pos.item];
      if (item === undefined) {
        // The end: the prompt is the speaker's (Ctrl-P gives it back to the script, where `[` jumps back).
        this.speaker = true;
        return this.set('done');
      }
      if (item.kind === 'pause') return this.set('paused');
      this.views.entered(item.block);
      if (item.kind === 'step' && !item.hidden) return this.set('typing');
      // A mode switch to the mode the kernel is in already costs nothing.
      const needed = item.kind === 'step' || this.deps.kernel.mode !== item.mode;
      const done = this.pos.item;
      this.pos = at(needed ? await this.unseen(done, done + 1, 'run') : done + 1);
      // No further: the kernel died (setKernelState goes on once it is back).
      if (this.pos.item === done) return;
      this.views.ran(done);
    }
  }

  /**
   * Runs items [from, to) unseen (replay-unseen.ts), the UI showing itself busy meanwhile: the speaker's
   * inputs wait, and Ctrl-C interrupts. 'restart' starts a fresh kernel first. Resolves to the item to go on at.
   */
  private async unseen(from: number, to: number, how: 'run' | 'restart'): Promise<number> {
    this.set('silent');
    this.deps.local({ type: how === 'restart' ? 'restart-started' : 'execute-started' });
    try {
      if (how === 'restart') await this.deps.kernel.restart();
      return await runUnseen(this.script, this.deps.kernel, from, to, (text) => this.note(text));
    } finally {
      this.deps.local(how === 'restart' ? { type: 'restart-finished', mode: this.deps.kernel.mode } : { type: 'execute-finished', status: 'ok' });
    }
  }

  private note(text: string): void {
    this.deps.local({ type: 'note', text });
  }

  private async work(sequence: () => Promise<void>): Promise<void> {
    if (this.working || this.disposed) return;
    this.working = true;
    try {
      await sequence();
    } finally {
      this.working = false;
      this.changed();
    }
  }

  private set(phase: ReplayPhase): void {
    this.phase = phase;
    this.changed();
  }

  private changed(): void {
    if (this.disposed) return;
    this.version++;
    for (const l of this.listeners) l();
    this.scheduleTyping();
  }

  /** `--speed N` (replay-speed.ts): the timer types while the script has the prompt and the kernel is idle. */
  private scheduleTyping(): void {
    this.clearTimer();
    const speed = this.options.speed;
    const idle = !this.working && !this.kernelState.busy && this.kernelState.alive;
    if (!speed || this.speaker || this.phase !== 'typing' || !idle) return;
    const next = nextTyping(speed, this.script.fullyTyped(this.pos), this.afterOutput, this.options.beats ?? DEFAULT_BEATS);
    this.timer = setTimeout(() => {
      if (next.enter) return void this.enter();
      this.afterOutput = false;
      this.views.movedOn();
      for (let i = 0; i < next.chars; i++) this.pos = this.script.typeChar(this.pos);
      this.changed();
    }, next.delay);
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
