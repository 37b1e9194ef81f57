// ink-text-input types the letter of every control key it does not know into the line: Ctrl-D adds `d`,
// Ctrl-R `r`. Its key handler and ours both run for one keypress, in an order that changes from render to
// render (Ink re-subscribes a handler whenever it changes), so the line's change is held until both have
// run — a microtask later, still before the next render — and dropped if the key had Ctrl or Meta.
import { useRef } from 'react';

export interface ControlKeyGate {
  /** The text input's onChange. */
  change: (line: string) => void;
  /** The keypress under way has Ctrl or Meta: its change to the line is dropped. */
  block: () => void;
}

/**
 * `apply` takes an accepted change; `restore` runs when one was dropped (the text input moved its own cursor
 * past the letter it wanted to add, so it is started over).
 */
export function useControlKeyGate(apply: (line: string) => void, restore: () => void): ControlKeyGate {
  const held = useRef<{ line: string | undefined; blocked: boolean; scheduled: boolean }>({ line: undefined, blocked: false, scheduled: false });
  const callbacks = useRef({ apply, restore });
  callbacks.current = { apply, restore };

  const settle = () => {
    const { line, blocked } = held.current;
    held.current = { line: undefined, blocked: false, scheduled: false };
    if (line === undefined) return;
    if (blocked) callbacks.current.restore();
    else callbacks.current.apply(line);
  };
  const schedule = () => {
    if (held.current.scheduled) return;
    held.current.scheduled = true;
    queueMicrotask(settle);
  };

  return {
    change: (line) => {
      held.current.line = line;
      schedule();
    },
    block: () => {
      held.current.blocked = true;
      schedule();
    },
  };
}
