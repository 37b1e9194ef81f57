// The terminal's size, updated on resize: the live area lays itself out again (a speaker zooming mid-talk)
// without re-running anything.
//
// Shrinking leaves debris that no redraw reaches: the terminal rewraps the live area's full-width rows at the
// new width, so the rows Ink erases (as many as it drew) are fewer than the rows they now take, and the tops
// of the old panels stay above the new ones, in the scrollback for good. So once the terminal has stopped
// shrinking (a window dragged sends many resizes), the screen and the scrollback are cleared and `epoch`
// goes up: the App writes the history again (a new <Static>) and the live area under it, at the new size —
// what Ink does itself when the live area fills the screen, and what gemini-cli does on resize.
import { useEffect, useState } from 'react';
import { useStdout } from 'ink';

export interface TerminalSize {
  columns: number;
  rows: number;
}

/** Erase the screen and the scrollback, cursor home (ansi-escapes' clearTerminal). */
export const CLEAR_TERMINAL = '\u001B[2J\u001B[3J\u001B[H';
/** How long after the last shrinking resize the screen is cleared. */
export const SETTLE_MS = 120;

/** Whether going from `before` to `after` can leave rewrapped rows behind. */
export const shrank = (before: TerminalSize, after: TerminalSize): boolean => after.columns < before.columns || after.rows < before.rows;

export function useTerminalSize(): TerminalSize & { epoch: number } {
  const { stdout, write } = useStdout();
  // Unknown sizes (a test's stream) fall back to a classic 80×24, as Ink does for the width.
  const read = (): TerminalSize => ({ columns: stdout.columns || 80, rows: stdout.rows || 24 });
  const [size, setSize] = useState(read);
  const [epoch, setEpoch] = useState(0);
  useEffect(() => {
    let last = read();
    let timer: NodeJS.Timeout | null = null;
    const onResize = () => {
      const next = read();
      if (shrank(last, next) && stdout.isTTY) {
        if (timer !== null) clearTimeout(timer);
        timer = setTimeout(() => {
          timer = null;
          // Through Ink, which draws the live area again after it; the new <Static> then writes the history
          // above it.
          write(CLEAR_TERMINAL);
          setEpoch((e) => e + 1);
        }, SETTLE_MS);
      }
      last = next;
      setSize(next);
    };
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
      if (timer !== null) clearTimeout(timer);
    };
  }, [stdout, write]);
  return { ...size, epoch };
}
