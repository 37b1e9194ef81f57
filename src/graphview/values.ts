// The text on an edge: the tensor's value from the last run above the line, its gradient below. Each fits
// on one line, and its sign shows without colour: a scalar always carries one (`+3`, `-12`, `0`), a
// gradient starts with ∂ (`∂-4`), an array keeps numpy's own minus signs.

export type Sign = 'pos' | 'neg' | 'none';

export interface EdgeText {
  /** `+3`, `∂-4`, `[1. 2.]`, clipped to MAX_LABEL columns. */
  text: string;
  /** pos: every number > 0; neg: every number < 0; none: zero, mixed, not numbers. */
  sign: Sign;
  grad: boolean;
}

/** Longer values are cut with '…' (a 16-element tensor would push every box off the screen). */
export const MAX_LABEL = 16;

/** `valueText('-12.0', false)` → `{ text: '-12', sign: 'neg' }`; `valueText('1.0', true)` → `∂+1`. */
export function valueText(numpy: string, grad: boolean): EdgeText {
  // numpy prints a matrix over several lines: "[[1. 2.]\n [3. 4.]]".
  const flat = numpy.replace(/\s+/g, ' ').replace(/\[ /g, '[').trim();
  const n = scalar(flat);
  const text = n === null ? flat : formatScalar(n);
  const sign = n === null ? arraySign(flat) : n > 0 ? 'pos' : n < 0 ? 'neg' : 'none';
  return { text: clip(grad ? `∂${text}` : text), sign, grad };
}

/** The number a one-element text holds ('-12.0', '3.', 'inf'), or null (arrays, nan, booleans). */
function scalar(text: string): number | null {
  if (/^[-+]?inf$/i.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(text)) return null;
  return Number(text);
}

/** 4 significant digits, exponent notation when that is shorter, and always a sign unless zero. */
export function formatScalar(n: number): string {
  if (!Number.isFinite(n)) return n > 0 ? '+inf' : '-inf';
  const plain = String(Number(n.toPrecision(4)));
  const exp = n.toExponential(2).replace('e+', 'e');
  const text = plain.length <= exp.length || n === 0 ? plain : exp;
  return n > 0 ? `+${text}` : text;
}

function arraySign(text: string): Sign {
  // `<float32 [3,4]>` is a shape, not values.
  if (text.startsWith('<')) return 'none';
  const numbers = (text.match(/-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?|-?inf/gi) ?? []).map((s) => (/inf/i.test(s) ? (s.startsWith('-') ? -1 : 1) : Number(s)));
  if (numbers.length === 0) return 'none';
  if (numbers.every((x) => x > 0)) return 'pos';
  return numbers.every((x) => x < 0) ? 'neg' : 'none';
}

function clip(text: string): string {
  return text.length <= MAX_LABEL ? text : `${text.slice(0, MAX_LABEL - 1)}…`;
}
