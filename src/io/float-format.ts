// How the protobuf text printers write float and double fields. Three printers matter to
// TensorFlow users and they disagree:
//   'cpp'         C++ TextFormat::Printer (also Python's str(message) on the upb/C++ runtimes):
//                 float SimpleFtoa = "%.6g", or "%.9g" when that does not read back; double
//                 SimpleDtoa = "%.15g", or "%.17g". 0.1f → 0.1, 1 → 1, 1e6 → 1e+06.
//   'python'      Python text_format.MessageToString defaults (e.g. the `checkpoint` file): float is
//                 the shortest "%.Ng" that reads back, printed as Python repr; double is repr.
//                 0.1f → 0.1, 1 → 1.0, 1e6 → 1000000.0.
//   'write_graph' tf.io.write_graph(as_text=True), which passes float_format='': every float is
//                 repr of the float widened to double. 0.1f → 0.10000000149011612, 1 → 1.0.
// printf's rounding is exact round-half-even on the true binary value, which JS's toPrecision is
// not (it rounds ties up), so "%.Ng" is done here with BigInt arithmetic.

/** Which printer printText copies; see the file comment (and text-format-print.ts for map entries). */
export type PrinterStyle = 'cpp' | 'python' | 'write_graph';

/** A float field's text (the value is the float32, as a JS number). */
export function formatFloat(value: number, style: PrinterStyle): string {
  if (!Number.isFinite(value)) return special(value);
  if (style === 'write_graph') return pythonRepr(value);
  if (style === 'python') {
    for (let p = 6; ; p++) {
      const rounded = Number(printfG(value, p));
      if (Math.fround(rounded) === value) return pythonRepr(rounded);
    }
  }
  const short = printfG(value, 6);
  return Math.fround(Number(short)) === value ? short : printfG(value, 9);
}

/** A double field's text. */
export function formatDouble(value: number, style: PrinterStyle): string {
  if (!Number.isFinite(value)) return special(value);
  if (style !== 'cpp') return pythonRepr(value);
  const short = printfG(value, 15);
  return Number(short) === value ? short : printfG(value, 17);
}

function special(value: number): string {
  return Number.isNaN(value) ? 'nan' : value > 0 ? 'inf' : '-inf';
}

/** C's "%.<precision>g" for a finite number. */
export function printfG(value: number, precision: number): string {
  const sign = value < 0 || Object.is(value, -0) ? '-' : '';
  if (value === 0) return sign + '0';
  const { digits, exponent } = roundSignificant(Math.abs(value), precision);
  const trimmed = digits.replace(/0+$/, '');
  if (exponent < -4 || exponent >= precision) return sign + scientific(trimmed, exponent);
  return sign + positional(trimmed, exponent);
}

/** Python's repr(float) for a finite number: shortest round-trip digits. */
export function pythonRepr(value: number): string {
  const sign = value < 0 || Object.is(value, -0) ? '-' : '';
  if (value === 0) return sign + '0.0';
  // toExponential() with no argument gives the shortest digits that read back, as repr does.
  const [mantissa, exp] = Math.abs(value).toExponential().split('e') as [string, string];
  const digits = mantissa.replace('.', '');
  const exponent = Number(exp);
  if (exponent < -4 || exponent >= 16) return sign + scientific(digits, exponent);
  const text = positional(digits, exponent);
  return sign + (text.includes('.') ? text : text + '.0');
}

// d.ddd × 10^exponent written as "d.ddde±XX" (at least two exponent digits, as printf and repr do).
function scientific(digits: string, exponent: number): string {
  const head = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  const e = Math.abs(exponent).toString().padStart(2, '0');
  return `${head}e${exponent < 0 ? '-' : '+'}${e}`;
}

// The same number without an exponent; digits carry no trailing zeros.
function positional(digits: string, exponent: number): string {
  if (exponent < 0) return '0.' + '0'.repeat(-exponent - 1) + digits;
  const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
  const frac = digits.slice(exponent + 1);
  return frac ? `${whole}.${frac}` : whole;
}

/** The first `precision` significant digits of a positive finite double, rounded half-to-even on
 * its exact decimal expansion, and the decimal exponent of the first digit. */
function roundSignificant(value: number, precision: number): { digits: string; exponent: number } {
  const { mantissa, exp2 } = decompose(value);
  // value = mantissa × 2^exp2 = all × 10^shift exactly.
  const all = exp2 >= 0 ? (mantissa << BigInt(exp2)).toString() : (mantissa * 5n ** BigInt(-exp2)).toString();
  const shift = Math.min(exp2, 0);
  let exponent = all.length - 1 + shift;
  if (all.length <= precision) return { digits: all.padEnd(precision, '0'), exponent };
  let kept = BigInt(all.slice(0, precision));
  const rest = all.slice(precision);
  const half = '5'.padEnd(rest.length, '0');
  if (rest > half || (rest === half && kept % 2n === 1n)) kept += 1n;
  let digits = kept.toString();
  if (digits.length > precision) {
    digits = digits.slice(0, precision);
    exponent += 1;
  }
  return { digits, exponent };
}

function decompose(value: number): { mantissa: bigint; exp2: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  return biased === 0 ? { mantissa: fraction, exp2: -1074 } : { mantissa: fraction | (1n << 52n), exp2: biased - 1075 };
}
