// A Session plan reuses its steps' arrays from one run to the next (src/graph/arena.ts). Every run must give
// the bits a run without reuse gives (a run listener turns reuse off), and no array that left a run — a
// fetched value or a view of one, a variable's value, what a user kernel kept — may ever change afterwards.
import { afterEach, describe, expect, it } from 'vitest';

import * as tf from '../src/index.js';
import { PlanArena, setArenaKeepBytes } from '../src/graph/arena.js';
import { onRunReleasing, type RunInfo } from '../src/graph/run-listeners.js';
import { POISON_BITS, allocate, allocateUninit, setOutputSource, setUninitPoison } from '../src/tensor/dtype.js';
import type { NDArray } from '../src/tensor/ndarray.js';
import { setMode } from './helpers.js';

afterEach(() => setMode('eager'));

const bytes = (a: NDArray) => Buffer.from(a.data.buffer, a.data.byteOffset, a.data.byteLength);
function rand(shape: number[], seed: number): NDArray {
  let s = seed >>> 0;
  const n = shape.reduce((p, d) => p * d, 1);
  const data = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    data[i] = s / 2 ** 32 - 0.5;
  }
  return new tf.NDArray(data, shape, 'float32');
}

/** Runs `build`'s graph `runs` times in one session, feeding `feed(i)`; with `listen`, reuse is off. */
function runMany(build: () => { fetch: unknown; feed: (i: number) => Map<tf.Tensor, NDArray> }, runs: number, listen: boolean): NDArray[][] {
  setMode('graph');
  tf.resetDefaultGraph();
  tf.setRandomSeed(11);
  const { fetch, feed } = build();
  const sess = tf.Session();
  sess.run(tf.globalVariablesInitializer());
  const off = listen ? tf.onRun(() => undefined) : () => undefined;
  try {
    return Array.from({ length: runs }, (_, i) => ([sess.run(fetch, { feedDict: feed(i) })].flat() as Array<NDArray | null>)
      .filter((v): v is NDArray => v !== null));
  } finally {
    off();
  }
}

/** A small conv net with Adam, like lesson 13's: fetches the loss and the train op. */
function convNet() {
  const x = tf.placeholder('float32', [null, 64]);
  const y = tf.placeholder('float32', [null, 4]);
  const img = tf.reshape(x, [-1, 8, 8, 1]);
  const W1 = tf.Variable(tf.truncatedNormal([3, 3, 1, 16], { stddev: 0.1 }));
  const h1 = tf.nn.maxPool(tf.nn.relu(tf.add(tf.nn.conv2d(img, W1, 1, 'SAME'), tf.Variable(tf.constant(0.1, { shape: [16] })))), 2, 2, 'SAME');
  const W2 = tf.Variable(tf.truncatedNormal([256, 40], { stddev: 0.1 }));
  const h2 = tf.nn.relu(tf.matmul(tf.reshape(h1, [-1, 256]), W2));
  const logits = tf.matmul(tf.nn.dropout(h2, 0.7), tf.Variable(tf.truncatedNormal([40, 4], { stddev: 0.1 })));
  const loss = tf.reduceMean(tf.nn.softmaxCrossEntropyWithLogits({ labels: y, logits }));
  const train = tf.train.AdamOptimizer(0.01).minimize(loss);
  const labels = (i: number) => new tf.NDArray(Float32Array.from({ length: 32 * 4 }, (_, j) => (j % 4 === (Math.floor(j / 4) + i) % 4 ? 1 : 0)), [32, 4], 'float32');
  return { fetch: [loss, train, W2], feed: (i: number) => new Map([[x, rand([32, 64], 100 + i)], [y, labels(i)]]) };
}

/** Many op families, on fresh inputs each run: zero-filled, scattering and accumulating kernels among them. */
function opZoo() {
  const a = tf.placeholder('float32', [40, 50]);
  const b = tf.placeholder('float32', [50, 30]);
  const m = tf.matmul(a, b);
  const t = tf.transpose(m);
  const outs = [
    m, t, tf.tile(t, [2, 1]), tf.zerosLike(m), tf.onesLike(t), tf.where(tf.greater(m, 0), m, tf.negative(m)),
    tf.reduceSum(m, 0), tf.reduceMax(m, 1), tf.argMax(m, 1), tf.cast(tf.greater(t, 0), 'int32'), tf.exp(tf.minimum(m, 3)),
    tf.nn.softmax(m), tf.nn.avgPool(tf.reshape(m, [1, 40, 30, 1]), 2, 2, 'VALID'),
    tf.gradients(tf.reduceSum(tf.square(tf.matmul(a, b))), [a, b]),
  ].flat();
  return { fetch: outs, feed: (i: number) => new Map([[a, rand([40, 50], 7 + i)], [b, rand([50, 30], 900 + i)]]) };
}

describe('a plan reuses its arrays from run to run', () => {
  for (const [name, build] of [['a conv net trained with Adam', convNet], ['many op families on new inputs', opZoo]] as const) {
    it(`${name}: every run gives the bits of a run without reuse`, () => {
      const plain = runMany(build, 6, true);
      const reused = runMany(build, 6, false);
      reused.forEach((run, r) => run.forEach((v, i) => {
        expect(v.shape, `run ${r} fetch ${i}`).toEqual(plain[r][i].shape);
        expect(bytes(v).equals(bytes(plain[r][i])), `run ${r} fetch ${i}`).toBe(true);
      }));
    });
  }

  it('arrays fetched by earlier runs, and views of them, keep their values', () => {
    setMode('graph');
    const x = tf.placeholder('float32', [64, 64]);
    const h = tf.tanh(tf.matmul(x, x));
    const view = tf.reshape(h, [4096]);
    const out = tf.reduceSum(tf.exp(h));
    const sess = tf.Session();
    const feed = (i: number) => ({ feedDict: new Map([[x, rand([64, 64], i)]]) });
    const kept = [sess.run(h, feed(1)) as NDArray, sess.run([out, view], feed(2)) as NDArray[]];
    const copies = [Buffer.from(bytes(kept[0] as NDArray)), Buffer.from(bytes((kept[1] as NDArray[])[1]))];
    for (let i = 3; i < 9; i++) {
      sess.run(out, feed(i));
      sess.run([out, view], feed(i));
      sess.run(h, feed(i));
    }
    expect(bytes(kept[0] as NDArray).equals(copies[0])).toBe(true);
    expect(bytes((kept[1] as NDArray[])[1]).equals(copies[1])).toBe(true);
  });

  it('a variable assigned a computed array keeps it when a later run of the same plan fails', () => {
    setMode('graph');
    const x = tf.placeholder('float32', [2048]);
    const v = tf.Variable(tf.zeros([2048]));
    const assign = tf.assign(v, tf.multiply(x, 2));
    const p = tf.placeholder('float32');
    const bad = tf.reshape(p, [3]);  // made after the assign, so it runs after it
    const sess = tf.Session();
    sess.run(tf.globalVariablesInitializer());
    const ones = new tf.NDArray(new Float32Array(2048).fill(1), [2048], 'float32');
    const threes = new tf.NDArray(new Float32Array(2048).fill(3), [2048], 'float32');
    sess.run([assign.op, bad], { feedDict: new Map<tf.Tensor, unknown>([[x, ones], [p, [1, 2, 3]]]) });
    expect(() => sess.run([assign.op, bad], { feedDict: new Map<tf.Tensor, unknown>([[x, threes], [p, [1, 2]]]) }))
      .toThrow(/Cannot reshape a tensor with 2 elements/);
    expect(new Set((sess.run(v) as NDArray).data)).toEqual(new Set([2]));
  });

  it("what a user kernel keeps from the backend is its own", () => {
    const kept: NDArray[] = [];
    const copies: Buffer[] = [];
    const keep = tf.registerOp({
      name: 'KeepDoubled',
      inputs: ['x'],
      kernel: ([x], _attrs, ctx) => {
        const doubled = ctx.backend.binary(0, x, x);  // BinaryOp.Add
        kept.push(doubled);
        copies.push(Buffer.from(bytes(doubled)));
        return doubled;
      },
    });
    setMode('graph');
    const x = tf.placeholder('float32', [2048]);
    const y = tf.exp(keep(tf.tanh(x)) as tf.Tensor);
    const sess = tf.Session();
    for (let i = 0; i < 5; i++) sess.run(y, { feedDict: new Map([[x, rand([2048], i)]]) });
    expect(kept.length).toBe(5);
    kept.forEach((k, i) => expect(bytes(k).equals(copies[i]), `run ${i}`).toBe(true));
  });

  it('a step gets its own last-run arrays back by position, zeroed or poisoned as asked, and only those', () => {
    const arena = new PlanArena();
    const during = <T>(step: number, f: () => T): T => {
      arena.step = step;
      const was = setOutputSource(arena);
      try {
        return f();
      } finally {
        setOutputSource(was);
      }
    };
    const shapes = () => [allocate('float32', 2048), allocateUninit('float32', 2048), allocateUninit('int32', 5000)];
    const once = during(0, shapes);
    arena.settle(new Set());
    expect(during(0, shapes).some((a, i) => a === once[i])).toBe(false);  // a plan keeps nothing from its first run
    arena.settle(new Set());
    const first = during(0, shapes);
    first.forEach((a) => a.fill(7));
    const small = during(0, () => allocate('float32', 16));
    arena.settle(new Set([first[2]]));  // the third left the run
    const again = during(0, () => [allocate('float32', 2048), allocateUninit('float32', 2048), allocateUninit('int32', 5000)]);
    expect(again[0]).toBe(first[0]);
    expect(new Set(again[0])).toEqual(new Set([0]));  // asked zeroed: zeroed
    expect(again[1]).toBe(first[1]);
    expect(again[2]).not.toBe(first[2]);
    expect(during(1, () => allocate('float32', 2048))).not.toBe(first[0]);  // another step's: not its
    expect(during(0, () => allocate('float32', 16))).not.toBe(small);  // small arrays are not kept
    arena.settle(new Set());
    const was = setUninitPoison(true);
    try {
      const poisoned = during(0, () => [allocate('float32', 2048), allocateUninit('float32', 2048)]);
      expect(poisoned[1]).toBe(first[1]);
      expect(new Set(new Uint32Array(poisoned[1].buffer, poisoned[1].byteOffset, 2048))).toEqual(new Set([POISON_BITS]));
    } finally {
      setUninitPoison(was);
    }
    arena.reset();
    expect(during(0, () => allocate('float32', 2048))).not.toBe(first[0]);  // after a failed run: nothing
  });

  it('with releasing run listeners (the REPL kernel) a plan reuses its arrays, and a held record keeps its values', () => {
    const plain = runMany(convNet, 6, false);
    let latest: RunInfo | null = null;
    let held: { info: RunInfo; copies: Map<string, Buffer> } | null = null;
    const records: RunInfo[] = [];
    const off = onRunReleasing((info) => {
      records.push(info);
      // Hold the second run's record through all later runs; keep only the latest of the others.
      if (records.length === 2) {
        held = { info, copies: new Map([...info.values].map(([k, v]) => [k, Buffer.from(bytes(v))])) };
        return;
      }
      const prev = latest;
      latest = info;
      prev?.release();
    });
    let reused: NDArray[][];
    try {
      reused = runMany(convNet, 6, false);
    } finally {
      off();
    }
    reused.forEach((run, r) => run.forEach((v, i) => expect(bytes(v).equals(bytes(plain[r][i])), `run ${r} fetch ${i}`).toBe(true)));
    const h = held as unknown as { info: RunInfo; copies: Map<string, Buffer> };
    expect(h.copies.size).toBeGreaterThan(20);
    for (const [name, v] of h.info.values) expect(bytes(v).equals(h.copies.get(name)!), name).toBe(true);
    h.info.release();
    expect(() => h.info.values).toThrow(/read after its listener released it/);
    (latest as RunInfo | null)?.release();
  });

  it('what all plans keep between runs is bounded: past it, the plan run longest ago gives its arrays up', () => {
    const was = setArenaKeepBytes(3 * 8192);
    try {
      const arenas = [new PlanArena(), new PlanArena(), new PlanArena()];
      const run = (a: PlanArena) => {
        const was2 = setOutputSource(a);
        try {
          return allocate('float32', 2048);  // 8 KiB
        } finally {
          setOutputSource(was2);
        }
      };
      const kept = arenas.map((a) => {
        run(a);
        a.settle(new Set());
        const x = run(a);
        a.settle(new Set());
        return x;
      });
      expect(kept.map((x, i) => run(arenas[i]) === x)).toEqual([true, true, true]);  // 24 KiB: within
      arenas.forEach((a) => a.settle(new Set()));
      const fourth = new PlanArena();
      run(fourth);
      fourth.settle(new Set());
      const x4 = run(fourth);
      fourth.settle(new Set());  // 32 KiB kept: the first arena, settled longest ago, gives up its array
      expect(run(arenas[0]) === kept[0]).toBe(false);
      expect(run(arenas[1]) === kept[1]).toBe(true);
      expect(run(fourth) === x4).toBe(true);
      // One plan alone over the bound keeps nothing.
      const huge = new PlanArena();
      const big = () => {
        const was3 = setOutputSource(huge);
        try {
          return allocate('float32', 8192);  // 32 KiB
        } finally {
          setOutputSource(was3);
        }
      };
      big();
      huge.settle(new Set());
      const h = big();
      huge.settle(new Set());
      expect(big() === h).toBe(false);
    } finally {
      setArenaKeepBytes(was);
    }
  });
});
