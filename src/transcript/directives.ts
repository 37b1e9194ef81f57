// The directives of the transcript format: HTML comments between blocks (GitHub hides them), each applying to
// the next ```tensorshell block. Only `<!-- word -->` or `<!-- word: value -->` lines are directives, so
// ordinary comments in prose (`<!-- note to self -->`) stay prose; an unknown word is an error, because a
// typo (`<!-- puase -->`) must not silently change what a replay or a check does.
import type { Mode } from '../kernel/events.js';

/** What the directives before a block say about it. */
export interface BlockDirectives {
  /** `<!-- mode: eager -->`: the mode the block runs in (replay switches before the block). */
  mode?: Mode;
  /** `<!-- tolerance: 1e-6 -->`: numbers in the block's outputs compare with this absolute tolerance (check.ts). */
  tolerance?: number;
  /** `<!-- exercise: 2 -->`: the block is the answer to the lesson's exercise 2 (checked like any block). */
  exercise?: number;
  /** `<!-- anchor: training -->`: a name to jump to (`replay --from training`); unique in a file. */
  anchor?: string;
  /** `<!-- pause -->`: a speaker's stop before the block. */
  pause: boolean;
  /** `<!-- hidden -->`: setup that runs but is not shown. */
  hidden: boolean;
  /** `<!-- chart -->`, `<!-- graph -->`: show the chart or the graph view while the block runs. */
  chart: boolean;
  graph: boolean;
}

export const DIRECTIVE_NAMES = ['mode', 'tolerance', 'anchor', 'pause', 'hidden', 'chart', 'graph', 'exercise'] as const;

const DIRECTIVE = /^\s*<!--\s*([a-z]+)\s*(?::\s*(.*?))?\s*-->\s*$/;

export function noDirectives(): BlockDirectives {
  return { pause: false, hidden: false, chart: false, graph: false };
}

/** The directive on `line`, as [name, value], or null for a line that is not one. */
export function matchDirective(line: string): [string, string | undefined] | null {
  const m = DIRECTIVE.exec(line);
  return m ? [m[1], m[2] === '' ? undefined : m[2]] : null;
}

/**
 * Adds directive `name` to `into`; returns what is wrong with it, or null. Repeating a directive before
 * one block keeps the last value.
 */
export function applyDirective(into: BlockDirectives, name: string, value: string | undefined): string | null {
  switch (name) {
    case 'mode':
      if (value !== 'eager' && value !== 'lazy') return `<!-- mode: … --> takes eager or lazy, not ${value === undefined ? 'nothing' : `'${value}'`}`;
      into.mode = value;
      return null;
    case 'tolerance': {
      const n = value !== undefined && /^[0-9.eE+-]+$/.test(value) ? Number(value) : NaN;
      if (!Number.isFinite(n) || n < 0) return `<!-- tolerance: … --> takes a number such as 1e-6, not ${value === undefined ? 'nothing' : `'${value}'`}`;
      into.tolerance = n;
      return null;
    }
    case 'exercise': {
      // The lesson numbers its exercises 1, 2, …; a lesson command hides the inputs of these blocks.
      if (value === undefined || !/^[1-9]\d*$/.test(value)) return `<!-- exercise: … --> takes the exercise's number (1, 2, …), not ${value === undefined ? 'nothing' : `'${value}'`}`;
      into.exercise = Number(value);
      return null;
    }
    case 'anchor':
      if (value === undefined || !/^[\w.-]+$/.test(value)) return '<!-- anchor: … --> takes a name made of letters, digits, _ . -';
      into.anchor = value;
      return null;
    case 'pause': case 'hidden': case 'chart': case 'graph':
      if (value !== undefined) return `<!-- ${name} --> takes no value`;
      into[name] = true;
      return null;
    default:
      return `unknown directive <!-- ${name} -->; the directives are ${DIRECTIVE_NAMES.join(', ')}`;
  }
}
