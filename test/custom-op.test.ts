// Adding an op: tf.zeroOut (TensorFlow's "Create an op" guide, registered through tf.registerOp) and ops a
// user registers with JS kernels, in both schedules, against hand-derived values and TF's error texts.
import { afterEach, describe, expect, it } from 'vitest';
import * as tf from '../src/index.js';
import { MODES, evaluate, setMode, type Mode, caught } from './helpers.js';

afterEach(() => tf.disableEagerExecution());

const c = (v: unknown, dtype?: string) => tf.constant(v, dtype ? { dtype } : {});
const opCount = () => tf.getDefaultGraph().getOperations().length;
const f32 = (values: number[], shape = [values.length]) => new tf.NDArray(Float32Array.from(values), shape, 'float32');

/** Builds `fn` in `mode` and returns every output's value (eager .numpy(), or one Session.run). */
function evaluateAll(mode: Mode, fn: () => tf.Tensor[]): tf.NDArray[] {
  setMode(mode);
  try {
    const ts = fn();
    return mode === 'eager' ? ts.map((t) => t.numpy()) : (tf.Session().run(ts) as tf.NDArray[]);
  } finally {
    tf.disableEagerExecution();
  }
}

// A user's op with one attr of each kind, so NodeDef shows i, f, b and s.
const scale = tf.registerOp({
  name: 'Scale',
  inputs: ['x'],
  dtypes: ['float32', 'int32'],
  attrs: {
    factor: { type: 'float', default: 2 },
    negate: { type: 'bool', default: false },
    label: { type: 'string', default: '' },
    times: { type: 'int', default: 1, min: 1 },
  },
  kernel: ([x], { factor, negate, times }) => {
    const k = (factor as number) * (times as number) * (negate ? -1 : 1);
    return new tf.NDArray(x.data.map((v) => v * k), x.shape, x.dtype);
  },
});

// Two outputs: the positive and the negative part of x.
const splitSign = tf.registerOp({
  name: 'SplitSign',
  inputs: ['x'],
  outputs: 2,
  kernel: ([x]) => [
    new tf.NDArray(x.data.map((v) => Math.max(v, 0)), x.shape, x.dtype),
    new tf.NDArray(x.data.map((v) => Math.min(v, 0)), x.shape, x.dtype),
  ],
});

// Two inputs sharing T, and a shape function that needs a matrix: the sum of each row of a + w * b.
const rowSums = tf.registerOp({
  name: 'WeightedRowSums',
  inputs: ['a', 'b'],
  attrs: { w: { type: 'float', default: 1 } },
  shape: ([a, b]) => {
    if (a.rank !== null && a.rank !== 2) throw new Error(`Shape must be rank 2 but is rank ${a.rank}`);
    if (a.dims && b.dims && String(a.dims) !== String(b.dims)) throw new Error(`a ${a} and b ${b} must have the same shape`);
    return [a.dims?.[0] ?? null];
  },
  kernel: ([a, b], { w }) => {
    const [rows, cols] = a.shape;
    const out = new Float32Array(rows);
    for (let i = 0; i < rows * cols; i++) out[Math.floor(i / cols)] += a.data[i] + (w as number) * b.data[i];
    return new tf.NDArray(out, [rows], 'float32');
  },
});

describe.each(MODES)('%s mode', (mode) => {
  const run = (fn: () => tf.Tensor) => evaluate(mode, fn);

  it('zeroOut keeps element preserveIndex of the flattened input: float32 and int32, vectors and matrices', () => {
    expect(run(() => tf.zeroOut(c([1.5, -2, 3, 4]))).toArray()).toEqual([1.5, 0, 0, 0]);
    expect(run(() => tf.zeroOut(c([1.5, -2, 3, 4]), { preserveIndex: 3 })).toArray()).toEqual([0, 0, 0, 4]);
    const ints = run(() => tf.zeroOut(c([7, 8, 9], 'int32'), { preserveIndex: 1 }));
    expect(ints.dtype).toBe('int32');
    expect(ints.toArray()).toEqual([0, 8, 0]);
    // Row-major: index 4 of [[1 2 3] [4 5 6]] is the 5.
    expect(run(() => tf.zeroOut(c([[1, 2, 3], [4, 5, 6]], 'int32'), { preserveIndex: 4 })).toArray()).toEqual([[0, 0, 0], [0, 5, 0]]);
    const m = run(() => tf.zeroOut([[1, 2], [3, 4]], { preserveIndex: 2 }));
    expect(m.dtype).toBe('float32');
    expect(m.toArray()).toEqual([[0, 0], [3, 0]]);
    expect(run(() => tf.zeroOut(c(-5))).toArray()).toBe(-5);
    expect(run(() => tf.zeroOut(tf.Variable([1, 2, 3]), { preserveIndex: 2 })).toArray()).toEqual([0, 0, 3]);
  });

  it('zeroOut attr errors: TF classes and texts, and the graph is left as it was', () => {
    setMode(mode);
    const x = c([1, 2, 3]);
    const before = opCount();
    const neg = caught(() => tf.zeroOut(x, { preserveIndex: -1 }));
    expect(neg).toBeInstanceOf(tf.ValueError);
    expect(neg.message).toBe("Attr 'preserve_index' of 'ZeroOut' Op passed -1 less than minimum 0.");
    const str = caught(() => tf.zeroOut(x, { preserveIndex: 'abc' as never }));
    expect(str).toBeInstanceOf(TypeError);
    expect(str.message).toBe("Expected int for argument 'preserve_index' not 'abc'.");
    expect(caught(() => tf.zeroOut(x, { preserveIndex: 1.5 })).message).toBe("Expected int for argument 'preserve_index' not 1.5.");
    const snake = caught(() => tf.zeroOut(x, { preserve_index: 1 } as never));
    expect(snake).toBeInstanceOf(TypeError);
    expect(snake.message).toBe("tf.zeroOut() got an unexpected keyword argument 'preserve_index'. Did you mean 'preserveIndex'? (TF's 'preserve_index' is spelled 'preserveIndex' here.) Accepted keys: preserveIndex, name.");
    expect(caught(() => tf.zeroOut(x, 2 as never)).message).toBe('tf.zeroOut() takes 1 positional argument but 2 were given');
    const bool = caught(() => tf.zeroOut([true, false]));
    expect(bool).toBeInstanceOf(TypeError);
    expect(bool.message).toBe("Value passed to parameter 'to_zero' has DataType bool not in list of allowed values: float32, int32");
    expect(opCount()).toBe(before);
  });

  it("preserveIndex past the last element: the kernel's InvalidArgumentError when it runs, as TF's OP_REQUIRES", () => {
    setMode(mode);
    const x = c([1, 2, 3]);
    const before = opCount();
    if (mode === 'graph') {
      // The graph builds (TF's ZeroOut has no shape check); Session.run names the node.
      const z = tf.zeroOut(x, { preserveIndex: 5 });
      const e = caught(() => tf.Session().run(z));
      expect(e).toBeInstanceOf(tf.InvalidArgumentError);
      expect(e.message).toBe('preserve_index out of range: 5 is not less than the 3 elements of to_zero\n\t [[{{node ZeroOut}}]]');
      return;
    }
    const e = caught(() => tf.zeroOut(x, { preserveIndex: 5 }));
    expect(e).toBeInstanceOf(tf.InvalidArgumentError);
    expect(e.message).toBe('preserve_index out of range: 5 is not less than the 3 elements of to_zero [Op:ZeroOut]');
    expect(caught(() => tf.zeroOut(7, { preserveIndex: 1 })).message).toMatch(/^preserve_index out of range: 1 is not less than the 1 element of to_zero/);
    expect(opCount()).toBe(before);
  });

  it('a user op with float, bool, string and int attrs', () => {
    expect(run(() => scale(c([1, -2]), { factor: 0.5 })).toArray()).toEqual([0.5, -1]);
    expect(run(() => scale(c([1, 2], 'int32'), { negate: true, times: 3 })).toArray()).toEqual([-6, -12]);
    expect(run(() => scale([3])).toArray()).toEqual([6]);
    expect(caught(() => run(() => scale([3], { negate: 1 }))).message).toBe("Expected bool for argument 'negate' not 1.");
    expect(caught(() => run(() => scale([3], { label: 5 }))).message).toBe("Expected string for argument 'label' not 5.");
    expect(caught(() => run(() => scale([3], { factor: '2' }))).message).toBe("Expected float for argument 'factor' not '2'.");
    const e = caught(() => run(() => scale([3], { factr: 2 })));
    expect(e).toBeInstanceOf(TypeError);
    expect(e.message).toBe("Scale() got an unexpected keyword argument 'factr'; its options are: name, factor, negate, label, times.");
    expect(caught(() => run(() => scale([3], { times: 0 }))).message).toBe("Attr 'times' of 'Scale' Op passed 0 less than minimum 1.");
  });

  it('a user op with two outputs returns an array of tensors', () => {
    const [pos, neg] = evaluateAll(mode, () => splitSign(c([[-1, 2], [3, -4]])));
    expect(pos.toArray()).toEqual([[0, 2], [3, 0]]);
    expect(neg.toArray()).toEqual([[-1, 0], [0, -4]]);
  });

  it('a user op with two inputs and a shape function', () => {
    // Rows of a + 2b: [1+2·10 + 2+2·20, 3+2·30 + 4+2·40] = [63, 147].
    const sums = run(() => rowSums(c([[1, 2], [3, 4]]), [[10, 20], [30, 40]], { w: 2 }));
    expect(sums.toArray()).toEqual([63, 147]);
    setMode(mode);
    const [vec, mat, ints] = [c([1, 2]), c([[1]]), c([[1]], 'int32')];
    const before = opCount();
    const e = caught(() => rowSums(vec, vec));
    expect(e).toBeInstanceOf(mode === 'graph' ? tf.ValueError : tf.InvalidArgumentError);
    expect(e.message).toBe(mode === 'graph'
      ? "Shape must be rank 2 but is rank 1 for 'WeightedRowSums' (op: 'WeightedRowSums') with input shapes: [2], [2]."
      : 'Shape must be rank 2 but is rank 1 [Op:WeightedRowSums]');
    const wrongType = caught(() => rowSums(mat, ints));
    expect(wrongType).toBeInstanceOf(TypeError);
    expect(wrongType.message).toBe("Value passed to parameter 'b' has DataType int32 not in list of allowed values: float32");
    expect(opCount()).toBe(before);
  });

  it('errors thrown by a user kernel are InvalidArgumentError with their message', () => {
    for (const Cls of [Error, RangeError, TypeError]) {
      const boom = tf.registerOp({ name: 'Boom', inputs: ['x'], kernel: () => { throw new Cls('x must be positive'); } });
      const e = caught(() => run(() => boom([1])));
      expect(e).toBeInstanceOf(tf.InvalidArgumentError);
      expect(e.message).toBe(mode === 'graph' ? 'x must be positive\n\t [[{{node Boom}}]]' : 'x must be positive [Op:Boom]');
    }
  });

  it('what a user kernel returns is checked: count, type, dtype, shape, a well-formed NDArray', () => {
    const cases: Array<[unknown, RegExp]> = [
      [[f32([1]), f32([1])], /^The kernel of op 'Bad' returned 2 outputs, but the op has 1: return one NDArray\./],
      [5, /^The kernel of op 'Bad' returned 5, but the op has 1/],
      [[[1, 2]], /^The kernel of op 'Bad' returned \[ 1, 2 \] as output 0; a kernel returns NDArrays/],
      [new tf.NDArray(Int32Array.of(1, 2), [2], 'int32'), /^The kernel of op 'Bad' returned output 0 as int32, but its outputs have the inputs' type T = float32\./],
      [f32([1, 2, 3]), /^The kernel of op 'Bad' returned output 0 with shape \[3\], but the op declares \[2\] \(its shape function, or input 0's shape\)\./],
      [new tf.NDArray(new Float32Array(1), [2], 'float32'), /^The kernel of op 'Bad' returned a malformed NDArray as output 0: 'Float32Array' of 1 elements, shape \[ 2 \]/],
    ];
    for (const [result, message] of cases) {
      const bad = tf.registerOp({ name: 'Bad', inputs: ['x'], kernel: () => result as tf.NDArray });
      const e = caught(() => run(() => bad([1, 2])));
      expect(e).toBeInstanceOf(tf.InternalError);
      expect(e.message).toMatch(message);
    }
  });

  it('a kernel gets copies of its inputs: writing into them changes no constant or variable', () => {
    const vandal = tf.registerOp({ name: 'Vandal', inputs: ['x'], kernel: ([x]) => { x.data.fill(9); return x; } });
    setMode(mode);
    const k = c([1, 2]);
    const v = tf.Variable([3, 4]);
    const outs = [vandal(k), vandal(v), k, v.value()];
    const values = mode === 'eager' ? outs.map((t) => t.numpy())
      : (() => { const s = tf.Session(); s.run(tf.globalVariablesInitializer()); return s.run(outs) as tf.NDArray[]; })();
    expect(values.map((a) => a.toArray())).toEqual([[9, 9], [9, 9], [1, 2], [3, 4]]);
  });

  it('no crash on garbage inputs and options; a failed call leaves the graph as it was', () => {
    setMode(mode);
    const garbage: unknown[] = [undefined, null, 'abc', {}, { a: 1 }, [1, [2]], Symbol('s'), () => 1, new Map(), NaN, { toTensor: 3 }];
    const calls: Array<(...a: unknown[]) => unknown> = [tf.zeroOut as never, scale, splitSign, rowSums];
    for (const fn of calls) {
      for (const g of garbage) {
        for (const args of [[g], [[1, 2], g], [g, g, g], [[1, 2], { preserveIndex: g, name: g }], [[1, 2], { factor: g, w: g }]]) {
          const before = opCount();
          try {
            fn(...args);
          } catch (e) {
            expect(e).toBeInstanceOf(Error);
            expect((e as Error).message.length).toBeGreaterThan(0);
            expect(opCount()).toBe(before);
          }
        }
      }
    }
  });
});

describe('graph mode: the Operation', () => {
  it('ZeroOut: name, type, a literal input as ZeroOut/to_zero, and the NodeDef with T and preserve_index', () => {
    setMode('graph');
    const z = tf.zeroOut([[1, 2], [3, 4]], { preserveIndex: 3 });
    expect(z.op.name).toBe('ZeroOut');
    expect(z.op.type).toBe('ZeroOut');
    expect(z.shape.toString()).toBe('(2, 2)');
    expect(z.op.inputs.map((t) => t.name)).toEqual(['ZeroOut/to_zero:0']);
    expect(z.op.inputs[0].op.type).toBe('Const');
    expect(z.op.getAttr('preserve_index')).toBe(3);
    expect(String(z.op.nodeDef)).toBe([
      'name: "ZeroOut"', 'op: "ZeroOut"', 'input: "ZeroOut/to_zero"',
      'attr {', '  key: "T"', '  value {', '    type: DT_FLOAT', '  }', '}',
      'attr {', '  key: "preserve_index"', '  value {', '    i: 3', '  }', '}',
    ].join('\n'));
    const named = tf.zeroOut(c([1, 2], 'int32'), { name: 'keep_first' });
    expect(named.op.name).toBe('keep_first');
    expect(named.op.getAttr('T')).toBe('int32');
    // The default is written into the NodeDef, as TF's op builder does.
    expect(named.op.getAttr('preserve_index')).toBe(0);
    expect(tf.zeroOut([1]).op.name).toBe('ZeroOut_1');
  });

  it('ZeroOut with an unknown size is checked when it runs', () => {
    setMode('graph');
    const p = tf.placeholder('int32');
    const z = tf.zeroOut(p, { preserveIndex: 2 });
    expect(z.shape.toString()).toBe('<unknown>');
    const sess = tf.Session();
    expect((sess.run(z, new Map([[p, [[4, 5], [6, 7]]]])) as tf.NDArray).toArray()).toEqual([[0, 0], [6, 0]]);
    const e = caught(() => sess.run(z, new Map([[p, [4, 5]]])));
    expect(e).toBeInstanceOf(tf.InvalidArgumentError);
    expect(e.message).toBe('preserve_index out of range: 2 is not less than the 2 elements of to_zero\n\t [[{{node ZeroOut}}]]');
  });

  it('a user op: every attr kind in the NodeDef, literal Consts named after the inputs, outputs :0 and :1', () => {
    setMode('graph');
    const s = scale([1], { factor: 0.25, negate: true, label: 'half "q"', name: 'my_scale' });
    expect(String(s.op.nodeDef)).toBe([
      'name: "my_scale"', 'op: "Scale"', 'input: "my_scale/x"',
      'attr {', '  key: "T"', '  value {', '    type: DT_FLOAT', '  }', '}',
      'attr {', '  key: "factor"', '  value {', '    f: 0.25', '  }', '}',
      'attr {', '  key: "label"', '  value {', '    s: "half \\"q\\""', '  }', '}',
      'attr {', '  key: "negate"', '  value {', '    b: true', '  }', '}',
      'attr {', '  key: "times"', '  value {', '    i: 1', '  }', '}',
    ].join('\n'));
    const w = rowSums(c([[1]]), [[2]]);
    expect(w.op.inputs.map((t) => t.name)).toEqual(['Const:0', 'WeightedRowSums/b:0']);
    expect(w.shape.toString()).toBe('(1,)');
    const parts = splitSign([1, -1]);
    expect(parts.map((t) => t.name)).toEqual(['SplitSign:0', 'SplitSign:1']);
    expect(tf.registeredOpTypes()).toEqual(expect.arrayContaining(['ZeroOut', 'Scale', 'SplitSign', 'WeightedRowSums']));
  });
});

describe('registerOp', () => {
  it('re-registering a user op replaces it, and earlier functions run the new definition', () => {
    const first = tf.registerOp({ name: 'AddOne', inputs: ['x'], kernel: ([x]) => new tf.NDArray(x.data.map((v) => v + 1), x.shape, x.dtype) });
    expect(evaluate('eager', () => first([1])).toArray()).toEqual([2]);
    const second = tf.registerOp({
      name: 'AddOne', inputs: ['x'], attrs: { by: { type: 'int', default: 10 } },
      kernel: ([x], { by }) => new tf.NDArray(x.data.map((v) => v + (by as number)), x.shape, x.dtype),
    });
    for (const mode of MODES) {
      expect(evaluate(mode, () => second([1])).toArray()).toEqual([11]);
      expect(evaluate(mode, () => first([1], { by: 2 })).toArray()).toEqual([3]);
    }
    expect(first.name).toBe('addOne');
  });

  it('a built-in op type, ZeroOut included, cannot be replaced', () => {
    for (const name of ['Mul', 'Const', 'ZeroOut']) {
      const e = caught(() => tf.registerOp({ name, inputs: ['x'], kernel: ([x]) => x }));
      expect(e).toBeInstanceOf(tf.ValueError);
      expect(e.message).toBe(`Op type '${name}' is already registered (built-in); choose another name.`);
    }
    expect(evaluate('eager', () => tf.multiply(2, 3)).toArray()).toBe(6);
    expect(evaluate('eager', () => tf.zeroOut([4, 5], { preserveIndex: 1 })).toArray()).toEqual([0, 5]);
  });

  it('a bad spec is a TypeError that says what to fix', () => {
    const kernel = ([x]: tf.NDArray[]) => x;
    const cases: Array<[unknown, string]> = [
      [undefined, "tf.registerOp() missing 1 required positional argument: 'spec'"],
      [{ name: 'NoKernel', inputs: ['x'] }, "registerOp('NoKernel'): kernel must be a function (inputs, attrs, ctx) => NDArray | NDArray[], not undefined."],
      [{ name: 'zero_out', inputs: ['x'], kernel }, "registerOp: name must be an op type in PascalCase matching /^[A-Z][A-Za-z0-9]*$/ (e.g. 'ZeroOut'), not 'zero_out'."],
      [{ name: 'G', inputs: ['x'], kernel, gradient: kernel }, "registerOp: unknown spec field 'gradient' (a gradient is registered separately, by op type); the fields are name, inputs, dtypes, attrs, outputs, shape, kernel."],
      [{ name: 'G', inputs: 'x', kernel }, "registerOp('G'): inputs must be an array of argument names like ['x'], not 'x'."],
      [{ name: 'G', inputs: [], kernel }, "registerOp('G'): inputs must name at least one input: the outputs take their dtype T from the inputs."],
      [{ name: 'G', inputs: ['x', 'x'], kernel }, "registerOp('G'): inputs names 'x' twice."],
      [{ name: 'G', inputs: ['X'], kernel }, "registerOp('G'): inputs[0] must be a snake_case name matching /^[a-z][a-z0-9_]*$/, not 'X'."],
      [{ name: 'G', inputs: ['x'], dtypes: ['float64'], kernel }, "registerOp('G'): dtypes: dtype 'float64' is not supported by tensorshell: use 'float32', 'int32' or 'bool'."],
      [{ name: 'G', inputs: ['x'], outputs: 0, kernel }, "registerOp('G'): outputs must be an integer from 1 to 64, not 0."],
      [{ name: 'G', inputs: ['x'], outputs: 1e9, kernel }, "registerOp('G'): outputs must be an integer from 1 to 64, not 1000000000."],
      [{ name: 'G', inputs: ['x'], shape: [3], kernel }, "registerOp('G'): shape must be a function (inputShapes, attrs) => shape, not [ 3 ]."],
      [{ name: 'G', inputs: ['x'], attrs: { k: { type: 'list' } }, kernel }, "registerOp('G'): attr 'k': type must be one of 'int', 'float', 'bool', 'string', not 'list'."],
      [{ name: 'G', inputs: ['x'], attrs: { k: { type: 'int', defualt: 1 } }, kernel }, "registerOp('G'): attr 'k' has an unknown field 'defualt'; the fields are type, default, min."],
      [{ name: 'G', inputs: ['x'], attrs: { k: { type: 'int', default: 'a' } }, kernel }, "registerOp('G'): attr 'k': bad default: Expected int for argument 'k' not 'a'."],
      [{ name: 'G', inputs: ['x'], attrs: { k: { type: 'int', default: 0, min: 1 } }, kernel }, "registerOp('G'): attr 'k': bad default: Attr 'k' of 'G' Op passed 0 less than minimum 1."],
      [{ name: 'G', inputs: ['x'], attrs: { k: { type: 'float', min: 1 } }, kernel }, "registerOp('G'): attr 'k': min must be an integer, and only an int attr has one."],
      [{ name: 'G', inputs: ['x'], attrs: { name: { type: 'string' } }, kernel }, "registerOp('G'): attr 'name': an attr name must be snake_case matching /^[a-z][a-z0-9_]*$/ and not 'name' (the op's name option)."],
      [{ name: 'G', inputs: ['x'], attrs: { x: { type: 'int' } }, kernel }, "registerOp('G'): attr 'x' has the name of an input."],
    ];
    for (const [spec, message] of cases) {
      const e = caught(() => tf.registerOp(spec as tf.OpSpec));
      expect(e).toBeInstanceOf(TypeError);
      expect(e.message).toBe(message);
    }
    expect(tf.registeredOpTypes()).not.toContain('G');
  });

  it('calling an op: missing inputs, too many arguments, a required attr, bad options, a bad name', () => {
    const needsK = tf.registerOp({ name: 'NeedsK', inputs: ['x', 'y'], attrs: { k: { type: 'int' } }, kernel: ([x]) => x });
    setMode('graph');
    const cases: Array<[() => unknown, string]> = [
      [() => needsK([1], { k: 1 }), "NeedsK(x, y, { name, k }?) is missing its input 'y'."],
      [() => needsK(), "NeedsK(x, y, { name, k }?) is missing its input 'x'."],
      [() => needsK(1, 2, {}, 4), 'NeedsK(x, y, { name, k }?) takes 2 inputs and an options object, but got 4 arguments.'],
      [() => needsK(1, 2, 'fast'), "The options of NeedsK(x, y, { name, k }?) must be an object, not 'fast'."],
      [() => needsK(1, 2), "NeedsK() is missing its attr 'k' (int): pass it in the options, { k: … }."],
      [() => needsK(1, 2, { k: 1, name: 5 }), 'The name of a NeedsK op must be a string, not 5.'],
    ];
    for (const [fn, message] of cases) {
      const e = caught(fn);
      expect(e).toBeInstanceOf(TypeError);
      expect(e.message).toBe(message);
    }
    expect(caught(() => needsK(1, 2, { k: 1, name: 'bad name!' }))).toBeInstanceOf(tf.ValueError);
    expect(opCount()).toBe(0);
  });

  it('a shape function returning something other than shapes: TypeError at build, InternalError when run', () => {
    const odd = tf.registerOp({ name: 'OddShape', inputs: ['x'], shape: () => 'big' as never, kernel: ([x]) => x });
    setMode('graph');
    const e = caught(() => odd([1]));
    expect(e).toBeInstanceOf(TypeError);
    expect(e.message).toBe("The shape function of op 'OddShape' returned 'big' for a shape; expected a TensorShape or an array of dims (null for unknown).");
    expect(opCount()).toBe(0);
    const twice = tf.registerOp({ name: 'TwoShapes', inputs: ['x'], outputs: 2, shape: ([s]) => s as never, kernel: ([x]) => [x, x] });
    expect(caught(() => twice([1])).message).toBe("The shape function of op 'TwoShapes' returned TensorShape((1,)); expected an array of 2 shapes, one per output.");
    setMode('eager');
    const run = caught(() => odd([1]));
    expect(run).toBeInstanceOf(tf.InternalError);
    expect(run.message).toMatch(/^The shape function of op 'OddShape' returned 'big'/);
  });
});
