// The replay's line under the prompt: where the script is (`replay step 4/27 · anchor training`), who has
// the prompt, and the keys that do something now.
import type { ReplayPhase, ReplayPosition, ReplaySource } from './replay-types.js';

export interface ReplayStatusInput {
  script: ReplaySource;
  pos: ReplayPosition;
  phase: ReplayPhase;
  speaker: boolean;
  /** The kernel runs an input (the speaker's, or one the replay ran that the UI still shows running). */
  busy: boolean;
  alive: boolean;
  speed?: number;
}

export function replayStatus(r: ReplayStatusInput): string {
  if (r.phase === 'done') {
    return r.speaker ? 'replay finished · the prompt is yours · Ctrl-P, then [ goes back' : 'replay finished · [ goes back · Ctrl-P gives you the prompt';
  }
  // A pause stands before its block's anchor, and belongs to that section.
  const anchor = r.script.anchorAt(r.phase === 'paused' ? r.pos.item + 1 : r.pos.item);
  const where = `replay step ${stepNumber(r.script, r.pos.item)}/${r.script.shownSteps}${anchor === null ? '' : ` · anchor ${anchor}`}`;
  if (r.speaker) return `${where} · the prompt is yours · Ctrl-P resumes the script`;
  if (!r.alive) return `${where} · the kernel died: Ctrl-R restarts it`;
  switch (r.phase) {
    case 'silent':
      return `${where} · running what the script does not show…`;
    case 'running':
      return `${where} · the next input waits until this one has finished`;
    case 'paused':
      return `${where} · paused: any key goes on · [ ] anchors · Ctrl-P takes over`;
    case 'typing':
      if (r.busy) return `${where} · waiting for the running input`;
      if (r.speed) return `${where} · typing ${r.speed} characters/s · Enter runs now · Ctrl-P takes over · [ ] anchors`;
      return `${where} · keys type, Enter runs · Ctrl-P takes over · [ ] anchors`;
  }
}

/** The number of the shown input at `item` or the next one after it (the last one's, past the end). */
function stepNumber(script: ReplaySource, item: number): number {
  for (let i = item; i < script.items.length; i++) {
    const it = script.items[i];
    if (it.kind === 'step' && !it.hidden) return it.number;
  }
  return script.shownSteps;
}
