// The view directives in a replay. `<!-- chart -->` shows the chart panel as its block starts, so the loss
// is drawn while the block trains. `<!-- graph -->` opens the graph view once its block's last input has
// run, on what the block built with its last run's values, and leaves it open while the speaker talks:
// the next input typed (or a jump) closes it again. Views the speaker changes by hand stay theirs.
import type { ReplaySource } from './replay-types.js';
import type { UiAction } from './state.js';

export class ReplayViews {
  /** The block whose chart directive was applied. */
  private block = -1;
  private graphOpened = false;

  constructor(private readonly script: ReplaySource, private readonly local: (action: UiAction) => void) {}

  /** The replay reached an item of `block`. */
  entered(block: number): void {
    if (block === this.block) return;
    this.block = block;
    if (this.script.view(block).chart) this.local({ type: 'view', view: { chart: true } });
  }

  /** Item `item` has run. */
  ran(item: number): void {
    const done = this.script.items[item];
    const next = this.script.items[item + 1];
    if (done?.kind !== 'step' || next?.block === done.block || !this.script.view(done.block).graph) return;
    this.local({ type: 'view', view: { graph: { all: false } } });
    this.graphOpened = true;
  }

  /** The replay moves on (typing, a jump): a graph view it opened closes. */
  movedOn(): void {
    if (!this.graphOpened) return;
    this.graphOpened = false;
    this.local({ type: 'view', view: { graph: null } });
  }
}
