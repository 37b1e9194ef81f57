// Colours and decoration, in one place: every part of the UI asks the theme instead of naming colours, so
// `--theme light` and `--present` change the whole screen at once.
//
// - dark (default): for the usual dark terminal; secondary text in gray, rounded panel frames.
// - light: for a light background, where yellow, cyan and gray wash out: blue, red, magenta and black instead
//   (the chart's first series is blue: cyan on white is barely there, on a projector not at all).
// - present (`--present`, with either theme): a projector in a lit room. No frames, no dim text (everything
//   secondary is full-strength and told apart by position and bold, not by faint colour), a blank row between
//   blocks, and the panels beside the code (see Stage.tsx).
import { createContext, useContext } from 'react';

export type ThemeName = 'dark' | 'light';
export const THEME_NAMES: readonly ThemeName[] = ['dark', 'light'];

export interface Theme {
  name: ThemeName;
  present: boolean;
  /** Prompts, notes, counts, frames: what supports the content. */
  muted: string;
  /** The latest input's ops, the live prompt. */
  accent: string;
  prompt: string;
  error: string;
  /** Activity in the status line (running…, re-running…). */
  warn: string;
  /** Panel frames; null: no frame (presenter mode). */
  border: 'round' | null;
  borderColor: string;
  /** Graph view: positive and negative values, gradients. */
  positive: string;
  negative: string;
  gradient: string;
  /** The chart's series, in the order they were first logged (each also has its own line glyph). */
  series: readonly string[];
}

const DARK: Theme = {
  name: 'dark', present: false, muted: 'gray', accent: 'green', prompt: 'cyan', error: 'red', warn: 'yellow',
  border: 'round', borderColor: 'gray', positive: 'green', negative: 'red', gradient: 'magenta',
  series: ['cyan', 'magenta', 'yellow', 'green', 'blue', 'red'],
};

const LIGHT: Theme = {
  name: 'light', present: false, muted: 'blackBright', accent: 'blue', prompt: 'blue', error: 'red', warn: 'magenta',
  border: 'round', borderColor: 'blackBright', positive: 'blue', negative: 'red', gradient: 'magenta',
  series: ['blue', 'red', 'magenta', 'black', 'green', 'blackBright'],
};

/** The theme called `name`; presenter mode drops frames and faint colours for full-strength ones. */
export function makeTheme(name: ThemeName = 'dark', present = false): Theme {
  const base = name === 'light' ? LIGHT : DARK;
  if (!present) return base;
  const strong = name === 'light' ? 'black' : 'white';
  return {
    ...base, present: true, muted: strong, borderColor: strong, border: null,
    accent: name === 'light' ? 'blue' : 'greenBright', prompt: name === 'light' ? 'blue' : 'cyanBright',
    warn: name === 'light' ? 'magenta' : 'yellowBright',
    series: name === 'light' ? base.series : ['cyanBright', 'magentaBright', 'yellowBright', 'greenBright', 'blueBright', 'redBright'],
  };
}

export const ThemeContext = createContext<Theme>(DARK);

export function useTheme(): Theme {
  return useContext(ThemeContext);
}
