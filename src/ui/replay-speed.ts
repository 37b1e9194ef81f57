// `--speed N`: the replay types on its own, N characters a second, and presses Enter a beat after the input
// is typed. It does not advance on a timer alone: the next input waits until the kernel has finished the
// last one, and then for a beat more while its output is read. `<!-- pause -->` still waits for a key.

/** How long before Enter once an input is typed, and how long an output stays before the next input (ms). */
export const DEFAULT_BEATS = { beforeEnter: 400, afterOutput: 1500 };

export type Beats = typeof DEFAULT_BEATS;

/** The timer's next move: Enter, or `chars` more characters, after `delay` ms. */
export function nextTyping(speed: number, fullyTyped: boolean, afterOutput: boolean, beats: Beats): { delay: number; enter: boolean; chars: number } {
  if (fullyTyped) return { delay: beats.beforeEnter, enter: true, chars: 0 };
  // Faster than a frame, several characters go per tick.
  const tick = Math.max(16, 1000 / speed);
  return { delay: afterOutput ? beats.afterOutput : tick, enter: false, chars: Math.max(1, Math.round((speed * tick) / 1000)) };
}
