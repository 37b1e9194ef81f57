/**
 * Expected strings come from numpy's own tests/docs (cited per case as
 * "numpy: <file>::<test>") or were derived by hand from numpy 1.26's
 * arrayprint.py / dragon4.c algorithm ("hand: ..."). The test files cited are
 * numpy/core/tests/test_arrayprint.py and test_scalarprint.py (numpy/_core/tests/
 * in numpy 2.x; cases taken from 2.x are the `legacy='2.2'` ones, which keep 1.26's
 * float32 cutoffs). Every expectation here was also cross-checked against a
 * local numpy 2.4.6 run with np.set_printoptions(legacy='2.2').
 */
import { spawnSync } from 'node:child_process';
import { describe, it, expect } from 'vitest';
import { float32Repr, formatArray } from '../src/tensor/format.js';
import { reprArray } from '../src/tensor/format-repr.js';
import { NDArray } from '../src/tensor/ndarray.js';

const f32 = (values: number[], shape: number[] = [values.length]) =>
  formatArray(new Float32Array(values), shape, 'float32');
const i32 = (values: number[], shape: number[] = [values.length], options = {}) =>
  formatArray(new Int32Array(values), shape, 'int32', options);
const iota = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('float32Repr (str/repr of np.float32)', () => {
  it('matches numpy test_scalarprint::test_str for float32', () => {
    // numpy: test_scalarprint.py::TestRealScalars::test_str, float32 column
    expect(float32Repr(0)).toBe('0.0');
    expect(float32Repr(-0)).toBe('-0.0');
    expect(float32Repr(1)).toBe('1.0');
    expect(float32Repr(-1)).toBe('-1.0');
    expect(float32Repr(Infinity)).toBe('inf');
    expect(float32Repr(-Infinity)).toBe('-inf');
    expect(float32Repr(NaN)).toBe('nan');
  });

  it('uses float32 shortest digits, not float64 ones', () => {
    // hand: Dragon4 unique digits for float32(0.8) = 0.800000011920929
    expect(float32Repr(0.8)).toBe('0.8');
    // hand: float32(0.1) = 0.10000000149011612, shortest float32 digits "1"
    expect(float32Repr(0.1)).toBe('0.1');
    // numpy docs: format_float_positional(np.float32(np.pi)) == '3.1415927'
    expect(float32Repr(Math.PI)).toBe('3.1415927');
    // hand: float32(1/3) = 0.3333333432674408, needs 8 digits
    expect(float32Repr(1 / 3)).toBe('0.33333334');
    // hand: positional with trim '0' leaves one zero after the point
    expect(float32Repr(12)).toBe('12.0');
  });

  it('switches to scientific outside [1e-4, 1e16) like Python repr', () => {
    // hand: scalartypes.c uses trim '-' (no dot) and 2 exponent digits
    expect(float32Repr(1e-5)).toBe('1e-05');
    expect(float32Repr(1e20)).toBe('1e+20');
    // numpy: test_scalarprint.py::test_legacy_2_2_mode (1.26 behaviour)
    expect(float32Repr(1e15)).toBe('1000000000000000.0');
    expect(float32Repr(1e16)).toBe('1e+16');
    // hand: float32(1e-4) = 9.99999974e-05 is below the 1e-4 cutoff
    expect(float32Repr(1e-4)).toBe('1e-04');
  });

  it('prints extreme float32 values', () => {
    // hand: float32 max is 3.4028234663852886e38, shortest digits 34028235
    expect(float32Repr(3.4028234663852886e38)).toBe('3.4028235e+38');
    // hand: smallest subnormal 2^-149 ≈ 1.4e-45 has shortest digit "1"
    expect(float32Repr(2 ** -149)).toBe('1e-45');
    // hand: 2^24 is an exact integer, positional
    expect(float32Repr(16777216)).toBe('16777216.0');
  });
});

describe('formatArray scalars (shape [])', () => {
  it('prints 0-d arrays like their scalar', () => {
    // hand: array_str of a 0-d array is str() of the scalar
    expect(formatArray(new Float32Array([0.8]), [], 'float32')).toBe('0.8');
    expect(formatArray(new Float32Array([1e-5]), [], 'float32')).toBe('1e-05');
    expect(formatArray(new Int32Array([7]), [], 'int32')).toBe('7');
    // numpy: test_arrayprint.py::test_bool_spacing (0-d bool has no pad)
    expect(formatArray(new Uint8Array([1]), [], 'bool')).toBe('True');
    expect(formatArray(new Uint8Array([0]), [], 'bool')).toBe('False');
  });
});

describe('formatArray float32', () => {
  it('prints integral floats with a trailing dot', () => {
    // hand: positional pass gives "14." / "12."
    expect(f32([14])).toBe('[14.]');
    expect(f32([12], [1, 1])).toBe('[[12.]]');
    // numpy: test_arrayprint.py::test_float_spacing  repr 'array([1., 2., 3.])'
    expect(f32([1, 2, 3])).toBe('[1. 2. 3.]');
  });

  it('pads fractions on the right in maxprec mode', () => {
    // hand: pad_right = 1 (from 2.5), so "1." becomes "1. "
    expect(f32([1, 2.5])).toBe('[1.  2.5]');
    // hand: pad_left 2 (from "-1"), pad_right 1
    expect(f32([-1, 0.5, 2])).toBe('[-1.   0.5  2. ]');
    // hand: float32 shortest digits for each element
    expect(f32([0.1, 0.2, 0.3])).toBe('[0.1 0.2 0.3]');
  });

  it('adds a sign column when any value is negative', () => {
    // numpy: test_arrayprint.py::test_float_spacing  'array([  1.,   2., -10.])'
    expect(f32([1, 2, -10])).toBe('[  1.   2. -10.]');
    // hand: pad_left = len("-1") = 2
    expect(f32([1, -1])).toBe('[ 1. -1.]');
    // numpy: test_arrayprint.py::test_sign_spacing 'array([ 0., -0.])'
    expect(f32([0, -0])).toBe('[ 0. -0.]');
  });

  it('caps fraction digits at precision 8 with exact rounding', () => {
    // hand: 0.012345679 (9 fraction digits) rounded to 8; max/min = 81 keeps positional
    expect(f32([0.0123456789, 1])).toBe('[0.01234568 1.        ]');
    // hand: 2^-9 = 0.001953125 is a tie at 8 digits, rounded half to even
    expect(f32([0.001953125, 0.5])).toBe('[0.00195312 0.5       ]');
  });

  it('chooses scientific notation like FloatingFormat.fillFormat', () => {
    // hand: min 1e-05 < 1e-4 → scientific, mantissa precision 0
    expect(f32([1e-5, 1])).toBe('[1.e-05 1.e+00]');
    // hand: mantissas share the longest fraction (1), zero-filled (trim 'k')
    expect(f32([1.5e-5, 1])).toBe('[1.5e-05 1.0e+00]');
    // numpy: test_arrayprint.py::test_legacy_2_2_mode (np.single, 1.26 cutoff 1e8)
    expect(f32([1e7, 1e8])).toBe('[1.e+07 1.e+08]');
    expect(f32([1e6, 1e7])).toBe('[ 1000000. 10000000.]');
    // hand: max/min = 1999 > 1e3 (zero is ignored) → scientific
    expect(f32([0, 1, 1999])).toBe('[0.000e+00 1.000e+00 1.999e+03]');
    // hand: max/min exactly 1000 is not > 1000
    expect(f32([1, 1000])).toBe('[   1. 1000.]');
    // hand: float32 max needs 8 mantissa fraction digits; 1 is zero-filled to match
    expect(f32([3.4028234663852886e38, 1])).toBe('[3.4028235e+38 1.0000000e+00]');
  });

  it('pads nan and inf to the column width', () => {
    // numpy: test_arrayprint.py::TestArrayRepr::test_nan_inf 'array([nan, inf])'
    expect(f32([NaN, Infinity])).toBe('[nan inf]');
    // numpy: test_arrayprint.py::test_float_spacing 'array([ nan, -inf])'
    expect(f32([NaN, -Infinity])).toBe('[ nan -inf]');
    // hand: pad_left 2 ("-2"), pad_right 1 → width 4 for "inf"
    expect(f32([Infinity, 1.5, -2])).toBe('[ inf  1.5 -2. ]');
  });
});

describe('formatArray int32 and bool', () => {
  it('right-aligns integers to a common width', () => {
    // numpy: test_arrayprint.py::TestArray2String::test_basic '[0 1 2]'
    expect(i32([0, 1, 2])).toBe('[0 1 2]');
    // hand: IntegerFormat width = max(len("300"), len("-20")) = 3
    expect(i32([1, -20, 300])).toBe('[  1 -20 300]');
    expect(i32([2, 2, 3])).toBe('[2 2 3]');
    // hand: int32 extremes
    expect(i32([-(2 ** 31), 2 ** 31 - 1])).toBe('[-2147483648  2147483647]');
  });

  it('pads True to the width of False', () => {
    // numpy: test_arrayprint.py::test_bool_spacing 'array([ True, False])'
    expect(formatArray(new Uint8Array([1, 0]), [2], 'bool')).toBe('[ True False]');
    // numpy: test_arrayprint.py::test_bool_spacing 'array([ True])'
    expect(formatArray(new Uint8Array([1]), [1], 'bool')).toBe('[ True]');
  });
});

describe('formatArray nesting and empty arrays', () => {
  it('puts rows on separate lines and blank lines between blocks', () => {
    // numpy: test_arrayprint.py::TestArrayRepr::test_subclass (repr form, same layout)
    expect(i32([1, 2, 3, 4], [2, 2])).toBe('[[1 2]\n [3 4]]');
    // hand: _formatArray line_sep = '\n' * (axes_left - 1)
    expect(i32(iota(8).map((v) => v + 1), [2, 2, 2])).toBe('[[[1 2]\n  [3 4]]\n\n [[5 6]\n  [7 8]]]');
  });

  it('prints "[]" for any array with a zero dimension', () => {
    // hand: array2string returns "[]" when a.size == 0
    expect(f32([], [0])).toBe('[]');
    expect(f32([], [2, 0])).toBe('[]');
    expect(i32([], [0, 3])).toBe('[]');
  });
});

describe('formatArray line wrapping', () => {
  it('wraps at the line width like _extendLine', () => {
    // numpy: test_arrayprint.py::TestArray2String::test_basic max_line_width=4
    expect(i32([0, 1, 2], [3], { linewidth: 4 })).toBe('[0\n 1\n 2]');
    // numpy: test_arrayprint.py::test_linewidth_str linewidth=18
    expect(i32(new Array<number>(18).fill(2), [18], { linewidth: 18 }))
      .toBe('[2 2 2 2 2 2 2 2\n 2 2 2 2 2 2 2 2\n 2 2]');
  });

  it('wraps long rows at the default width 75', () => {
    // hand: 13 "NN." words + brackets = 53 chars, fits (cf. test_dtype_linewidth_wrapping)
    expect(f32(iota(13).map((v) => v + 10))).toBe('[10. 11. 12. 13. 14. 15. 16. 17. 18. 19. 20. 21. 22.]');
    // hand: 40 bools of width 5 + separators → 12 per line under width 74
    const bools = new Uint8Array(iota(40).map((i) => (i % 2 === 0 ? 1 : 0)));
    expect(formatArray(bools, [40], 'bool')).toBe(
      '[ True False  True False  True False  True False  True False  True False\n' +
      '  True False  True False  True False  True False  True False  True False\n' +
      '  True False  True False  True False  True False  True False  True False\n' +
      '  True False  True False]',
    );
  });

  it('indents continuation lines past the prefix', () => {
    // hand: next_line_prefix = " " + " " * len(prefix); 30 float32 values of k/7
    const values = iota(30).map((v) => v / 7);
    expect(formatArray(new Float32Array(values), [30], 'float32', { prefix: 'tf.Tensor(' })).toBe(
      '[0.         0.14285715 0.2857143  0.42857143 0.5714286\n' +
      '           0.71428573 0.85714287 1.         1.1428572  1.2857143\n' +
      '           1.4285715  1.5714285  1.7142857  1.8571428  2.\n' +
      '           2.142857   2.2857144  2.4285715  2.5714285  2.7142856\n' +
      '           2.857143   3.         3.142857   3.2857144  3.4285715\n' +
      '           3.5714285  3.7142856  3.857143   4.         4.142857  ]',
    );
  });
});

describe('formatArray summarisation', () => {
  it('summarises 1-d arrays above the threshold', () => {
    // numpy: test_arrayprint.py::test_summarize_1d
    expect(i32(iota(1001))).toBe('[   0    1    2 ...  998  999 1000]');
    // numpy: test_arrayprint.py::test_legacy_stray_comma (legacy=False)
    expect(i32(iota(10000))).toBe('[   0    1    2 ... 9997 9998 9999]');
    // numpy: test_arrayprint.py::test_edgeitems_kwarg
    expect(i32([0, 0, 0], [3], { edgeitems: 1, threshold: 0 })).toBe('[0 ... 0]');
  });

  it('summarises rows and adds "..." rows for higher rank', () => {
    // numpy: test_arrayprint.py::test_summarize_2d
    expect(i32(iota(1002), [2, 501])).toBe(
      '[[   0    1    2 ...  498  499  500]\n [ 501  502  503 ...  999 1000 1001]]',
    );
    // hand: widths come only from the printed corners (0..59, 1940..1999)
    expect(i32(iota(2000), [100, 20])).toBe(
      '[[   0    1    2 ...   17   18   19]\n' +
      ' [  20   21   22 ...   37   38   39]\n' +
      ' [  40   41   42 ...   57   58   59]\n' +
      ' ...\n' +
      ' [1940 1941 1942 ... 1957 1958 1959]\n' +
      ' [1960 1961 1962 ... 1977 1978 1979]\n' +
      ' [1980 1981 1982 ... 1997 1998 1999]]',
    );
  });

  it('matches numpy test_edgeitems for rank 3 and 4 (str form)', () => {
    // numpy: test_arrayprint.py::test_edgeitems (repr with 'array(' and ',' removed)
    expect(i32(iota(27), [3, 3, 3], { edgeitems: 1, threshold: 1 })).toBe(
      '[[[ 0 ...  2]\n  ...\n  [ 6 ...  8]]\n\n ...\n\n [[18 ... 20]\n  ...\n  [24 ... 26]]]',
    );
    expect(formatArray(new Float32Array(9), [3, 3, 1, 1], 'float32', { edgeitems: 1, threshold: 1 })).toBe(
      '[[[[0.]]\n\n  ...\n\n  [[0.]]]\n\n\n ...\n\n\n [[[0.]]\n\n  ...\n\n  [[0.]]]]',
    );
  });

  it('formats summarised floats from the printed corners only', () => {
    // hand: corners 0,1,2,1997..1999 → max/min = 1999 > 1e3 → scientific
    expect(f32(iota(2000))).toBe('[0.000e+00 1.000e+00 2.000e+00 ... 1.997e+03 1.998e+03 1.999e+03]');
    // hand: float32(k * 0.001) corners; 0.999 rounds to 0.9990001 in float32
    expect(f32(iota(1001).map((k) => Math.fround(k) * Math.fround(0.001))))
      .toBe('[0.        0.001     0.002     ... 0.998     0.9990001 1.       ]');
  });
});

/**
 * repr(): every expected string below was printed by numpy 2.4.6 with
 * np.set_printoptions(legacy='1.25'), which reproduces numpy 1.x: plain scalar
 * reprs, no `shape=` on summarised arrays, float32 scientific cutoff 1e8.
 */
describe('reprArray (numpy 1.x repr)', () => {
  const rf = (values: number[], shape: number[] = [values.length]) => reprArray(new Float32Array(values), shape, 'float32');
  const ri = (values: number[], shape: number[] = [values.length]) => reprArray(new Int32Array(values), shape, 'int32');
  const rb = (values: boolean[], shape: number[] = [values.length]) =>
    reprArray(Uint8Array.from(values, Number), shape, 'bool');

  it('prints rank 0 as the plain numpy 1.x scalar repr', () => {
    expect(rf([12], [])).toBe('12.0');
    expect(rf([0.1], [])).toBe('0.1');
    expect(rf([1e-5], [])).toBe('1e-05');
    expect(ri([12], [])).toBe('12');
    expect(rb([true], [])).toBe('True');
    expect(rb([false], [])).toBe('False');
  });

  it('prints 1-d and 2-d arrays with ", " and the dtype', () => {
    expect(rf([1, 2])).toBe('array([1., 2.], dtype=float32)');
    expect(rf([0.5, -1.25, 3])).toBe('array([ 0.5 , -1.25,  3.  ], dtype=float32)');
    expect(ri([-1, -22, 333])).toBe('array([ -1, -22, 333], dtype=int32)');
    expect(ri([1, 2, 3, 4], [2, 2])).toBe('array([[1, 2],\n       [3, 4]], dtype=int32)');
    expect(rf([1.5, NaN, -Infinity, 2], [2, 2])).toBe('array([[ 1.5,  nan],\n       [-inf,  2. ]], dtype=float32)');
  });

  it('prints 3-d arrays with blank lines between blocks', () => {
    expect(rf(iota(12).map((v) => v - 5), [2, 2, 3])).toBe(
      'array([[[-5., -4., -3.],\n' +
      '        [-2., -1.,  0.]],\n' +
      '\n' +
      '       [[ 1.,  2.,  3.],\n' +
      '        [ 4.,  5.,  6.]]], dtype=float32)',
    );
  });

  it('switches to scientific notation for mixed magnitudes', () => {
    expect(rf([1e-5, 1, 12345])).toBe('array([1.0000e-05, 1.0000e+00, 1.2345e+04], dtype=float32)');
    expect(rf([-1.5, 2.25, -1e-5, 123456.78, 0, 3.0])).toBe(
      'array([-1.5000000e+00,  2.2500000e+00, -9.9999997e-06,  1.2345678e+05,\n' +
      '        0.0000000e+00,  3.0000000e+00], dtype=float32)',
    );
    // numpy 1.x keeps float32 positional below 1e8 (numpy >= 2.3 would print 1.e+06 here)
    expect(rf([1e6, 2.5e6, 3e6])).toBe('array([1000000., 2500000., 3000000.], dtype=float32)');
  });

  it('wraps long rows, ending wrapped lines with ","', () => {
    expect(rf(iota(30).map((v) => v * 1.5))).toBe(
      'array([ 0. ,  1.5,  3. ,  4.5,  6. ,  7.5,  9. , 10.5, 12. , 13.5, 15. ,\n' +
      '       16.5, 18. , 19.5, 21. , 22.5, 24. , 25.5, 27. , 28.5, 30. , 31.5,\n' +
      '       33. , 34.5, 36. , 37.5, 39. , 40.5, 42. , 43.5], dtype=float32)',
    );
    expect(ri(iota(40).map((v) => v * 1001))).toBe(
      'array([    0,  1001,  2002,  3003,  4004,  5005,  6006,  7007,  8008,\n' +
      '        9009, 10010, 11011, 12012, 13013, 14014, 15015, 16016, 17017,\n' +
      '       18018, 19019, 20020, 21021, 22022, 23023, 24024, 25025, 26026,\n' +
      '       27027, 28028, 29029, 30030, 31031, 32032, 33033, 34034, 35035,\n' +
      '       36036, 37037, 38038, 39039], dtype=int32)',
    );
  });

  it('moves the dtype to its own line when the last line is too long', () => {
    const values = [1e-5, -2.5, 3.25, 1234.5, 5, -6.125, 7, 8, 9, 10.5, -11, 12, 0.001, 14, 15, -16.75];
    expect(rf(values, [2, 2, 4])).toBe(
      'array([[[ 1.0000e-05, -2.5000e+00,  3.2500e+00,  1.2345e+03],\n' +
      '        [ 5.0000e+00, -6.1250e+00,  7.0000e+00,  8.0000e+00]],\n' +
      '\n' +
      '       [[ 9.0000e+00,  1.0500e+01, -1.1000e+01,  1.2000e+01],\n' +
      '        [ 1.0000e-03,  1.4000e+01,  1.5000e+01, -1.6750e+01]]],\n' +
      '      dtype=float32)',
    );
  });

  it('prints bool arrays without a dtype', () => {
    expect(rb([true, false])).toBe('array([ True, False])');
    expect(rb([true, false, true, false, false, true], [2, 3])).toBe(
      'array([[ True, False,  True],\n       [False, False,  True]])',
    );
  });

  it('prints empty arrays with dtype, and shape unless it is (0,)', () => {
    expect(rf([])).toBe('array([], dtype=float32)');
    expect(rb([])).toBe('array([], dtype=bool)');
    expect(rf([], [2, 0])).toBe('array([], shape=(2, 0), dtype=float32)');
    expect(ri([], [0, 3])).toBe('array([], shape=(0, 3), dtype=int32)');
  });

  it('summarises arrays over 1000 elements', () => {
    expect(rf(iota(2000).map((v) => v * 0.25))).toBe(
      'array([0.0000e+00, 2.5000e-01, 5.0000e-01, ..., 4.9925e+02, 4.9950e+02,\n' +
      '       4.9975e+02], dtype=float32)',
    );
    expect(rf(iota(2000).map((v) => v * 0.25 - 100))).toBe(
      'array([-100.  ,  -99.75,  -99.5 , ...,  399.25,  399.5 ,  399.75],\n' +
      '      dtype=float32)',
    );
    expect(ri(iota(2000), [40, 50])).toBe(
      'array([[   0,    1,    2, ...,   47,   48,   49],\n' +
      '       [  50,   51,   52, ...,   97,   98,   99],\n' +
      '       [ 100,  101,  102, ...,  147,  148,  149],\n' +
      '       ...,\n' +
      '       [1850, 1851, 1852, ..., 1897, 1898, 1899],\n' +
      '       [1900, 1901, 1902, ..., 1947, 1948, 1949],\n' +
      '       [1950, 1951, 1952, ..., 1997, 1998, 1999]], dtype=int32)',
    );
  });

  it('is NDArray.repr()', () => {
    expect(new NDArray(new Float32Array([1, 2]), [2], 'float32').repr()).toBe('array([1., 2.], dtype=float32)');
    expect(new NDArray(new Int32Array([7]), [], 'int32').repr()).toBe('7');
  });
});

const hasNumpy = spawnSync('python3', ['-c', 'import numpy'], { stdio: 'ignore' }).status === 0;

describe('reprArray against numpy', () => {
  /** mulberry32: a small seeded PRNG so failures reproduce. */
  function prng(seed: number): () => number {
    let s = seed >>> 0;
    return () => {
      s = (s + 0x6d2b79f5) >>> 0;
      let t = Math.imul(s ^ (s >>> 15), 1 | s);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  type Case = { dtype: 'float32' | 'int32' | 'bool'; shape: number[]; data: Float32Array | Int32Array | Uint8Array };

  function randomCases(count: number, seed: number): Case[] {
    const rand = prng(seed);
    const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
    const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)]!;
    const randomShape = (big: boolean): number[] => {
      for (;;) {
        const rank = big ? int(1, 3) : int(0, 3);
        const longest = [1, 40, 8, 6][rank]!;
        const shape = Array.from({ length: rank }, () => (big ? int(1, 1500) : rand() < 0.05 ? 0 : int(1, longest)));
        const size = shape.reduce((a, b) => a * b, 1);
        if (big ? size > 1000 && size <= 3000 : size <= 40) return shape;
      }
    };
    const floatValue = (style: string, scale: number, signs: number, specials: number): number => {
      if (rand() < specials) return pick([NaN, Infinity, -Infinity, -0]);
      const sign = rand() < signs ? -1 : 1;
      if (style === 'small') return sign * int(0, 40) / pick([1, 2, 4, 8]);
      if (style === 'scaled') return sign * rand() * scale;
      if (style === 'zeros') return rand() < 0.7 ? 0 : sign * int(1, 9);
      return sign * 10 ** (rand() * 24 - 12);
    };
    const intValue = (style: string): number => {
      if (style === 'small') return int(-20, 20);
      if (style === 'extreme') return pick([-2147483648, 2147483647, 0, int(-99999, 99999)]);
      return Math.round((rand() < 0.5 ? -1 : 1) * 10 ** (rand() * 9.3));
    };
    const cases: Case[] = [];
    for (let k = 0; k < count; k++) {
      const shape = randomShape(k % 40 === 39);
      const size = shape.reduce((a, b) => a * b, 1);
      const dtype = pick(['float32', 'float32', 'int32', 'bool'] as const);
      if (dtype === 'float32') {
        const style = pick(['small', 'scaled', 'zeros', 'mixed']);
        const scale = 10 ** int(-6, 10);
        const signs = pick([0, 0.5]);
        const specials = pick([0, 0, 0.1, 0.3]);
        const value = () => floatValue(style, scale, signs, specials);
        cases.push({ dtype, shape, data: Float32Array.from({ length: size }, value) });
      } else if (dtype === 'int32') {
        const style = pick(['small', 'extreme', 'mixed']);
        cases.push({ dtype, shape, data: Int32Array.from({ length: size }, () => intValue(style)) });
      } else {
        cases.push({ dtype, shape, data: Uint8Array.from({ length: size }, () => (rand() < 0.5 ? 1 : 0)) });
      }
    }
    return cases;
  }

  // float32 values travel as their bit patterns, so numpy sees exactly our values (nan, -0 included)
  const numpyRepr = String.raw`
import json, sys
import numpy as np
if int(np.__version__.split('.')[0]) >= 2:
    np.set_printoptions(legacy='1.25')  # numpy 1.x scalars, no shape= on summaries, 1e8 cutoff
out = []
for c in json.load(sys.stdin):
    if c['dtype'] == 'float32':
        a = np.array(c['data'], dtype=np.uint32).view(np.float32)
    else:
        a = np.array(c['data'], dtype=np.int32 if c['dtype'] == 'int32' else np.bool_)
    a = a.reshape(c['shape'])
    out.append([repr(a[()]) if a.ndim == 0 else repr(a), str(a)])
json.dump(out, sys.stdout)
`;

  // skipped when python3 with numpy is not installed: nothing to compare against
  it.skipIf(!hasNumpy)('matches numpy repr (and str) for 200 random arrays', () => {
    const cases = randomCases(200, 20240607);
    const payload = cases.map((c) => ({
      dtype: c.dtype,
      shape: c.shape,
      data: Array.from(c.data instanceof Float32Array ? new Uint32Array(c.data.buffer) : c.data),
    }));
    const result = spawnSync('python3', ['-c', numpyRepr], { input: JSON.stringify(payload), encoding: 'utf8', maxBuffer: 64 << 20 });
    expect(result.status, result.stderr).toBe(0);
    const expected = JSON.parse(result.stdout) as [string, string][];
    const mismatches = cases.flatMap((c, k) => {
      const [repr, str] = expected[k]!;
      const ours = [reprArray(c.data, c.shape, c.dtype), formatArray(c.data, c.shape, c.dtype)];
      return [
        ...(ours[0] === repr ? [] : [{ k, fn: 'repr', shape: c.shape, numpy: repr, ours: ours[0] }]),
        ...(ours[1] === str ? [] : [{ k, fn: 'str', shape: c.shape, numpy: str, ours: ours[1] }]),
      ];
    });
    expect(mismatches.slice(0, 3)).toEqual([]);
  });
});
