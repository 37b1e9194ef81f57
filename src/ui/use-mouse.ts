// Mouse reports, on only while the graph view is open: the wheel scrolls it (key-decoder.ts reads the
// reports). Off the rest of the time, because a terminal reporting the mouse no longer selects text with it
// (Shift-drag still does), and a learner copies code out of the history. Off again however the UI ends.
import { useEffect } from 'react';
import { useStdout } from 'ink';

/** Button events (the wheel among them), in SGR form so that no column is too wide to report. */
export const MOUSE_ON = '\u001B[?1000h\u001B[?1006h';
export const MOUSE_OFF = '\u001B[?1006l\u001B[?1000l';

export function useMouseReports(on: boolean): void {
  const { stdout } = useStdout();
  useEffect(() => {
    if (!on || !stdout.isTTY) return;
    const off = () => stdout.write(MOUSE_OFF);
    // Straight to the terminal, not through Ink's write (which redraws the frame): these print nothing.
    stdout.write(MOUSE_ON);
    process.once('exit', off);
    return () => {
      process.removeListener('exit', off);
      off();
    };
  }, [on, stdout]);
}
