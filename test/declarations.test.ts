// Every public function, class and method is made from a declaration (src/ops/declare.ts), and each one
// refuses an unknown option key and an extra positional argument. Generated from the declarations, so a
// function added later is covered without touching this file.
import { describe, expect, it } from 'vitest';
import * as tf from '../src/index.js';
import { declarationOf, declaredCallables } from '../src/ops/declare.js';

// Values of the API that are not called with arguments a learner chooses: error classes (they take a
// message), the Tensor and Operation classes (made by ops, never constructed), the abstract Optimizer.
const NOT_DECLARED = new Set(['Tensor', 'Operation', 'train.Optimizer']);

function publicFunctions(): string[] {
  const out: string[] = [];
  const walk = (ns: Record<string, unknown>, prefix: string) => {
    for (const [key, value] of Object.entries(ns)) {
      if (typeof value === 'function') {
        const isError = (value as { prototype?: unknown }).prototype instanceof Error;
        if (!isError && !NOT_DECLARED.has(`${prefix}${key}`)) out.push(`${prefix}${key}`);
      } else if (value !== null && typeof value === 'object' && prefix === '' && key !== 'errors') {
        walk(value as Record<string, unknown>, `${key}.`);
      }
    }
  };
  walk(tf as unknown as Record<string, unknown>, '');
  return out;
}

function lookup(path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], tf);
}

describe('declarations', () => {
  it('cover every public function and class', () => {
    const undeclared = publicFunctions().filter((name) => declarationOf(lookup(name)) === undefined);
    expect(undeclared).toEqual([]);
    expect(publicFunctions().length).toBeGreaterThan(100);
  });

  it('give each its own signature (`?tf.add` is tf.add, not a helper of the same name)', () => {
    expect(declarationOf(tf.add)!.spec).toBe('add(x: Tensor, y: Tensor, name?: string): Tensor');
    expect(declarationOf(tf.ops.add)!.spec).toBe('ops.add(a: unknown, b: unknown): unknown');
    expect(declarationOf(tf.negative)!.doc).toContain('TF 1.0 renamed tf.neg');
  });

  const all = declaredCallables();
  it.each(all.map((c) => [c.decl.name, c] as const))('%s refuses an unknown option key and an extra argument', (_name, { decl, fn }) => {
    const required = new Array(decl.required).fill(undefined);
    const call = (...args: unknown[]) => {
      try {
        fn.apply(undefined, args);
      } catch (e) {
        return e as Error;
      }
      throw new Error(`${decl.name} accepted ${JSON.stringify(args)}`);
    };
    // A feed record is a value, not options, unless a key names an option: name one (left undefined).
    const firstKey = [...decl.optionKeys][0];
    const unknown = call(...required, firstKey === undefined ? { notAnOption: 1 } : { [firstKey]: undefined, notAnOption: 1 });
    expect(unknown).toBeInstanceOf(TypeError);
    expect(unknown.message).toContain("unexpected keyword argument 'notAnOption'");
    expect(unknown.message).toContain(decl.name);
    if (decl.rest === null) {
      const extra = call(...new Array(decl.params.length + 1).fill(0));
      expect(extra).toBeInstanceOf(TypeError);
      expect(extra.message).toMatch(/takes .* positional arguments? but \d+ (was|were) given$/);
    }
  });
});

describe('the argument checks', () => {
  it("hint TF's spellings and list the accepted keys", () => {
    const x = tf.constant([[1, 2], [3, 4]]);
    const message = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as Error).message;
      }
      return 'no error';
    };
    expect(message(() => tf.reduceSum(x, { keep_dims: true } as never))).toBe("tf.reduceSum() got an unexpected keyword argument 'keep_dims'. Did you mean 'keepDims'? (TF's 'keep_dims' is spelled 'keepDims' here.) Accepted keys: axis, keepDims, name.");
    expect(message(() => tf.reduceMean(x, { keepdims: true } as never))).toContain("Did you mean 'keepDims'?");
    expect(message(() => tf.reduceSum(x, { reduction_indices: [1] } as never))).toContain("Did you mean 'axis'?");
    expect(message(() => tf.matmul(x, x, { transpose_a: true } as never))).toContain("Did you mean 'transposeA'?");
    expect(message(() => tf.Session().run(x, { feed_dict: {} } as never))).toContain("Did you mean 'feedDict'?");
    expect(message(() => tf.reduceSum(x, 1, { axis: 0 }))).toBe("tf.reduceSum() got multiple values for argument 'axis'");
    expect(message(() => tf.reduceSum(x, 1, true, 'n', 5 as never))).toBe('tf.reduceSum() takes from 1 to 4 positional arguments but 5 were given');
    expect(message(() => (tf.add as (...a: unknown[]) => unknown)(x))).toBe("tf.add() missing 1 required positional argument: 'y'");
    expect(message(() => tf.reduceSum(x, { keepDims: 'yes' } as never))).toBe("tf.reduceSum() argument 'keepDims' must be boolean, got 'yes'.");
    expect(message(() => tf.zeros([2.5]))).toBe("Expected int32, got 2.5 of type 'float' instead.");
  });

  it('refuse what they accept by name but cannot honour, instead of ignoring it', () => {
    tf.resetDefaultGraph();
    const c = tf.constant(1.0);
    expect(() => tf.Session().run(c, new Map(), 'FULL_TRACE')).toThrow(tf.NotImplementedError);
    expect(() => tf.Session().run(c, { runMetadata: {} })).toThrow(tf.NotImplementedError);
    expect(() => tf.Session({ config: { logDevicePlacement: true } as never })).toThrow("tf.Session(): config option 'logDevicePlacement' is not supported; the config takes allowSoftPlacement only.");
    expect(() => tf.size(c, { outType: 'float32' } as never)).toThrow('tf.size(): outType must be int32 in tensorshell.');
    expect((tf.Session().run(c, { feedDict: new Map() }) as tf.NDArray).item()).toBe(1);
  });
});
