/**
 * Float32 → decimal text, ported from numpy's Dragon4 printer
 * (numpy/core/src/multiarray/dragon4.c) so that tensorshell prints float32
 * values digit-for-digit like numpy 1.26.
 *
 * Why a port and not `toPrecision`: numpy's "unique" digits use the float32
 * rounding interval (including the halved lower gap at powers of two and
 * IEEE round-half-even inclusive bounds), and the array printer cuts digits
 * off at a fixed number of fraction digits, rounding the *exact* binary value.
 * Exact BigInt arithmetic reproduces both without approximations.
 */

/** numpy's trim modes: 'k' keep, '.' trim zeros keep dot, '0' leave one zero, '-' trim zeros and dot. */
export type TrimMode = 'k' | '.' | '0' | '-';

interface Float32Bits {
  negative: boolean;
  special: 'nan' | 'inf' | null;
  mantissa: bigint;
  /** base-2 exponent of the integer mantissa */
  exponent: number;
  /** index of the highest set mantissa bit, for the digit-exponent estimate */
  mantissaBit: number;
  /** true when the gap below the value is half the gap above (powers of two) */
  unequalMargins: boolean;
}

const f32Scratch = new Float32Array(1);
const u32Scratch = new Uint32Array(f32Scratch.buffer);

function decompose(x: number): Float32Bits {
  f32Scratch[0] = x;
  const bits = u32Scratch[0]!;
  const fraction = bits & 0x7fffff;
  const biased = (bits >>> 23) & 0xff;
  const negative = bits >>> 31 === 1;
  const special = biased === 0xff ? (fraction === 0 ? 'inf' : 'nan') : null;
  if (biased !== 0) {
    return {
      negative, special, mantissa: BigInt(fraction | 0x800000), exponent: biased - 150,
      mantissaBit: 23, unequalMargins: biased !== 1 && fraction === 0,
    };
  }
  // subnormal: no implicit bit, equal margins
  return {
    negative, special, mantissa: BigInt(fraction), exponent: -149,
    mantissaBit: fraction === 0 ? 0 : 31 - Math.clz32(fraction), unequalMargins: false,
  };
}

interface Digits {
  digits: string;
  /** decimal exponent of the first digit */
  exponent: number;
}

/** Scaled integers so that value = scaledValue / scale, margins likewise (Dragon4 setup). */
interface Scaled {
  value: bigint;
  scale: bigint;
  marginLow: bigint;
  unequal: boolean;
}

function initialScaling(p: Float32Bits): Scaled {
  // The extra factor of 2 (or 4 with unequal margins) keeps half-gaps integral.
  const extra = p.unequalMargins ? 2 : 1;
  if (p.exponent > 0) {
    return {
      value: p.mantissa << BigInt(p.exponent + extra), scale: 1n << BigInt(extra),
      marginLow: 1n << BigInt(p.exponent), unequal: p.unequalMargins,
    };
  }
  return {
    value: p.mantissa << BigInt(extra), scale: 1n << BigInt(-p.exponent + extra),
    marginLow: 1n, unequal: p.unequalMargins,
  };
}

/** numpy's repr buffer size; only bounds digit generation when no cutoff is given. */
const BUFFER_SIZE = 16384;
const LOG10_2 = 0.30102999566398119521373889472449;

/**
 * Dragon4 in numpy's "unique" digit mode. cutoffMax/cutoffMin (-1 = none)
 * count total significant digits, or fraction digits when `fractional`.
 */
function dragon4Unique(p: Float32Bits, fractional: boolean, cutoffMax: number, cutoffMin: number): Digits {
  if (p.mantissa === 0n) return { digits: '0', exponent: 0 };
  const s = initialScaling(p);
  const isEven = (p.mantissa & 1n) === 0n;
  // Same estimate as numpy (correct or one too low), so clamping behaves identically.
  let digitExponent = Math.ceil((p.mantissaBit + p.exponent) * LOG10_2 - 0.69);
  if (cutoffMax >= 0 && fractional && digitExponent <= -cutoffMax) digitExponent = -cutoffMax + 1;
  if (digitExponent > 0) {
    s.scale *= 10n ** BigInt(digitExponent);
  } else if (digitExponent < 0) {
    const pow10 = 10n ** BigInt(-digitExponent);
    s.value *= pow10;
    s.marginLow *= pow10;
  }
  if (s.value >= s.scale) {
    digitExponent += 1;
  } else {
    s.value *= 10n;
    s.marginLow *= 10n;
  }
  let maxExponent = digitExponent - BUFFER_SIZE;
  if (cutoffMax >= 0) maxExponent = Math.max(maxExponent, fractional ? -cutoffMax : digitExponent - cutoffMax);
  let minExponent = digitExponent;
  if (cutoffMin >= 0) minExponent = Math.min(minExponent, fractional ? -cutoffMin : digitExponent - cutoffMin);
  return generateDigits(s, isEven, digitExponent, maxExponent, minExponent);
}

function generateDigits(s: Scaled, isEven: boolean, firstExponent: number, maxExponent: number, minExponent: number): Digits {
  const out: number[] = [];
  let digitExponent = firstExponent;
  let digit = 0;
  let low = false;
  let high = false;
  for (;;) {
    digitExponent -= 1;
    digit = Number(s.value / s.scale);
    s.value %= s.scale;
    const marginHigh = s.unequal ? 2n * s.marginLow : s.marginLow;
    // Inclusive bounds for even mantissas: a round-half-even reader maps them back to us.
    low = isEven ? s.value <= s.marginLow : s.value < s.marginLow;
    high = isEven ? s.value + marginHigh >= s.scale : s.value + marginHigh > s.scale;
    if (((low || high) && digitExponent <= minExponent) || digitExponent === maxExponent) break;
    out.push(digit);
    s.value *= 10n;
    s.marginLow *= 10n;
  }
  let roundDown = low;
  if (low === high) {
    // Round to nearest by comparing the remainder with one half; ties go to the even digit.
    const twice = 2n * s.value;
    roundDown = twice < s.scale || (twice === s.scale && digit % 2 === 0);
  }
  return finishRounding(out, digit, roundDown, firstExponent - 1);
}

function finishRounding(out: number[], digit: number, roundDown: boolean, exponent: number): Digits {
  if (roundDown || digit < 9) {
    out.push(roundDown ? digit : digit + 1);
    return { digits: out.join(''), exponent };
  }
  // Carry: drop trailing nines, bump the first non-nine (or emit "1" one decade up).
  while (out.length > 0 && out[out.length - 1] === 9) out.pop();
  if (out.length === 0) return { digits: '1', exponent: exponent + 1 };
  out[out.length - 1] = out[out.length - 1]! + 1;
  return { digits: out.join(''), exponent };
}

export interface PositionalOptions {
  /** max fraction digits (or total digits when !fractional); -1 for no cutoff */
  precision: number;
  /** min digits, -1 for none */
  minDigits: number;
  fractional: boolean;
  trim: TrimMode;
  padLeft: number;
  padRight: number;
}

/** numpy's format_float_positional (unique mode) for a float32 value. */
export function formatPositional(x: number, o: PositionalOptions): string {
  const p = decompose(x);
  if (p.special !== null) return specialText(p);
  const sign = p.negative ? '-' : '';
  const d = dragon4Unique(p, o.fractional, o.precision, o.minDigits);
  let whole: string;
  let frac: string;
  if (d.exponent >= 0) {
    const wholeCount = d.exponent + 1;
    whole = d.digits.slice(0, wholeCount).padEnd(wholeCount, '0');
    frac = d.digits.slice(wholeCount);
  } else {
    whole = '0';
    frac = '0'.repeat(-(d.exponent + 1)) + d.digits;
  }
  const wanted = Math.max(o.minDigits, 0) - (o.fractional ? 0 : whole.length);
  if (o.trim === 'k' && frac.length < wanted) frac = frac.padEnd(wanted, '0');
  if (o.trim !== 'k') frac = frac.replace(/0+$/, '');
  if (o.trim === '0' && frac === '') frac = '0';
  let text = sign + whole + (o.trim === '-' && frac === '' ? '' : '.') + frac;
  if (o.padRight >= frac.length) {
    // with the dot trimmed, a space stands in for it so columns still align
    const dotSpace = o.trim === '-' && frac === '' ? 1 : 0;
    text += ' '.repeat(o.padRight - frac.length + dotSpace);
  }
  return text.padStart(text.length + Math.max(0, o.padLeft - whole.length - sign.length), ' ');
}

export interface ScientificOptions {
  /** max fraction digits of the mantissa; -1 for no cutoff */
  precision: number;
  minDigits: number;
  trim: TrimMode;
  padLeft: number;
  /** minimum exponent digits; -1 means numpy's default of 2 */
  expDigits: number;
}

/** numpy's format_float_scientific (unique mode) for a float32 value. */
export function formatScientific(x: number, o: ScientificOptions): string {
  const p = decompose(x);
  if (p.special !== null) return specialText(p);
  const sign = p.negative ? '-' : '';
  const d = dragon4Unique(p, false, o.precision < 0 ? -1 : o.precision + 1, o.minDigits < 0 ? -1 : o.minDigits + 1);
  let frac = d.digits.slice(1);
  if (o.trim === 'k' && frac.length < Math.max(o.minDigits, 0)) frac = frac.padEnd(o.minDigits, '0');
  // numpy strips zeros but never the dot here; unique digits have no trailing zeros anyway
  const hadFraction = frac.length > 0;
  if (o.trim !== 'k') frac = frac.replace(/0+$/, '');
  if (o.trim === '0' && frac === '') frac = '0';
  const dot = o.trim === '-' && !hadFraction ? '' : '.';
  const expSign = d.exponent >= 0 ? '+' : '-';
  const expText = String(Math.abs(d.exponent)).padStart(o.expDigits < 0 ? 2 : Math.min(o.expDigits, 5), '0');
  const pad = ' '.repeat(Math.max(0, o.padLeft - 1 - sign.length));
  return `${pad}${sign}${d.digits[0]}${dot}${frac}e${expSign}${expText}`;
}

function specialText(p: Float32Bits): string {
  if (p.special === 'nan') return 'nan';
  return p.negative ? '-inf' : 'inf';
}

/**
 * str()/repr() of np.float32 in numpy 1.26: shortest round-trip digits,
 * positional for 1e-4 <= |x| < 1e16 (and zero), scientific otherwise.
 */
export function float32Repr(x: number): string {
  const v = Math.fround(x);
  const abs = Math.abs(v);
  if (abs === 0 || (abs >= 1e-4 && abs < 1e16)) {
    return formatPositional(v, { precision: -1, minDigits: -1, fractional: false, trim: '0', padLeft: -1, padRight: -1 });
  }
  return formatScientific(v, { precision: -1, minDigits: -1, trim: '-', padLeft: -1, expDigits: -1 });
}
