// Fault injection on tf.train.Saver's V2 checkpoints (issue 15, "Nothing is ever lost"): a truncated or
// bit-flipped `.index` / `.data-00000-of-00001`, a process SIGKILLed in the middle of saving, a save that fails
// part way (ENOSPC in a write or a rename, EIO in an fsync) and a checkpoint that does not match the graph. Each must end in a clear
// TF error with every variable as it was, or in one whole checkpoint (the old one, or the new one where the save
// got that far): never a partly restored variable set, never values that nobody saved.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as tf from '../src/index.js';
import { ensureBuilt, root } from './build.js';
import { caught } from './helpers.js';

type Session = ReturnType<typeof tf.Session>;
type Values = { a: number[]; b: number[]; c: number[] };

// The three variables (float32 [3,2], int32 [4], bool [2]) as saved, and the other values they hold when a
// restore is tried (bool as 0/1, as NDArray.data holds it).
const SAVED: Values = { a: [1.5, -2, 3.25, 4, 0, -0.5], b: [7, -8, 9, 2147483647], c: [1, 0] };
const OTHER: Values = { a: [10, 20, 30, 40, 50, 60], b: [-1, -2, -3, -4], c: [0, 1] };
// Where each tensor lies in the data file (names in bytewise order, as the bundle writes them).
const LAYOUT = [{ name: 'a', offset: 0, size: 24 }, { name: 'b', offset: 24, size: 16 }, { name: 'c', offset: 40, size: 2 }];

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'saver-faults-'));
let dirs = 0;
const freshDir = (): string => fs.mkdtempSync(path.join(scratch, `${dirs++}-`));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));
afterEach(() => {
  vi.restoreAllMocks();
  tf.disableEagerExecution();
});

/** Temporary files (`*.tempstate*`) left in `dir`. */
const leftovers = (dir: string): string[] => fs.readdirSync(dir).filter((f) => f.includes('.tempstate'));
/** Counts leftovers by the file they were for: `{ 'model.ckpt.index': 1, checkpoint: 2 }`. */
function countLeftovers(dir: string, into: Record<string, number>): void {
  for (const f of leftovers(dir)) {
    const kind = f.replace(/\.tempstate.*$/, '').replace(/-\d+\./, '-N.');
    into[kind] = (into[kind] ?? 0) + 1;
  }
}

interface Fixture {
  sess: Session;
  saver: tf.train.Saver;
  vars: tf.Variable[];
  /** Assigns OTHER to every variable. */
  setOther(): void;
  /** Assigns zeros to every variable (neither SAVED nor OTHER). */
  setZeros(): void;
  values(): Values;
  dir: string;
  prefix: string;
  indexPath: string;
  dataPath: string;
  /** The files as saved. */
  index: Buffer;
  data: Buffer;
}

/** A fresh graph with a, b, c holding SAVED, a Saver of all three, and their checkpoint `dir/model.ckpt`. */
function fixture(dir = freshDir(), o: { globalStep?: number } = {}): Fixture {
  tf.resetDefaultGraph();
  const a = tf.Variable(tf.constant([[1.5, -2], [3.25, 4], [0, -0.5]]), { name: 'a' });
  const b = tf.Variable(tf.constant([7, -8, 9, 2147483647], { dtype: 'int32' }), { name: 'b' });
  const c = tf.Variable(tf.constant([true, false]), { name: 'c' });
  const other = tf.group(
    tf.assign(a, tf.constant([[10, 20], [30, 40], [50, 60]])),
    tf.assign(b, tf.constant([-1, -2, -3, -4], { dtype: 'int32' })),
    tf.assign(c, tf.constant([false, true])),
  );
  const zeros = tf.group(tf.assign(a, tf.zeros([3, 2])), tf.assign(b, tf.zeros([4], { dtype: 'int32' })), tf.assign(c, tf.constant([false, false])));
  const sess = tf.Session();
  sess.run(tf.globalVariablesInitializer());
  const saver = tf.train.Saver();
  const vars = [a, b, c];
  const values = (): Values => {
    const [x, y, z] = sess.run(vars) as tf.NDArray[];
    return { a: Array.from(x.data), b: Array.from(y.data), c: Array.from(z.data) };
  };
  const prefix = saver.save(sess, path.join(dir, 'model.ckpt'), { globalStep: o.globalStep });
  const indexPath = `${prefix}.index`;
  const dataPath = `${prefix}.data-00000-of-00001`;
  return {
    sess, saver, vars, setOther: () => void sess.run(other), setZeros: () => void sess.run(zeros), values, dir, prefix, indexPath, dataPath,
    index: fs.readFileSync(indexPath), data: fs.readFileSync(dataPath),
  };
}

/** Restores `prefix` into f's variables: the error, or null when it restored. */
function tryRestore(f: Fixture): Error | null {
  try {
    f.saver.restore(f.sess, f.prefix);
    return null;
  } catch (e) {
    return e as Error;
  }
}

/** What a DataLossError says is wrong, without where (TF's detail; numbers as N). */
function detail(message: string): string {
  const m = /DATA_LOSS: (.*?): perhaps your file/.exec(message) ?? /\(failed to (?:seek to header entry|read data block \d+)\): (.*)$/.exec(message) ??
    /(Checksum does not match)/.exec(message);
  return (m ? m[1] : message).replace(/\d+/g, 'N');
}

const tableError = (f: Fixture, detail: string): string =>
  `Unable to open table file ${f.indexPath}: DATA_LOSS: ${detail}: perhaps your file is in a different file format and you need to use a different restore operator?`;

describe('a truncated checkpoint', () => {
  it('is DataLossError at every length of the index file, and no variable changes', () => {
    const f = fixture();
    expect(f.index.length).toBeGreaterThan(100);
    f.setOther();
    for (let n = 0; n < f.index.length; n++) {
      fs.writeFileSync(f.indexPath, f.index.subarray(0, n));
      const e = caught(() => f.saver.restore(f.sess, f.prefix));
      expect(e, `index cut to ${n} bytes`).toBeInstanceOf(tf.DataLossError);
      // The footer (the last 48 bytes) goes first: too short for one, or the magic number is not at the end.
      expect(e.message, `index cut to ${n} bytes`).toBe(tableError(f, n < 48 ? 'file is too short to be an sstable' : 'not an sstable (bad magic number)'));
      expect(f.values(), `index cut to ${n} bytes`).toEqual(OTHER);
    }
    fs.writeFileSync(f.indexPath, f.index);
    expect(tryRestore(f)).toBeNull();
    expect(f.values()).toEqual(SAVED);
  }, 30_000);

  it('is DataLossError at every length of the data file, and no variable changes — not even those whose bytes are whole', () => {
    const f = fixture();
    expect(f.data.length).toBe(42);
    f.setOther();
    for (let n = 0; n < f.data.length; n++) {
      fs.writeFileSync(f.dataPath, f.data.subarray(0, n));
      const e = caught(() => f.saver.restore(f.sess, f.prefix));
      // The first tensor (in restore's order a, b, c) that reaches past the end is named.
      const t = LAYOUT.find(({ offset, size }) => offset + size > n)!;
      expect(e, `data cut to ${n} bytes`).toBeInstanceOf(tf.DataLossError);
      expect(e.message, `data cut to ${n} bytes`).toBe(`TensorBundle at ${f.prefix} shard 0: Read less bytes than requested ` +
        `(tensor ${t.name} needs bytes ${t.offset}..${t.offset + t.size}, the data file has ${n})`);
      expect(f.values(), `data cut to ${n} bytes`).toEqual(OTHER);
    }
    fs.writeFileSync(f.dataPath, f.data);
    expect(tryRestore(f)).toBeNull();
    expect(f.values()).toEqual(SAVED);
  }, 30_000);

  it('without its index is ValueError, without its data NotFoundError, and no variable changes', () => {
    const f = fixture();
    f.setOther();
    fs.rmSync(f.dataPath);
    let e = caught(() => f.saver.restore(f.sess, f.prefix));
    expect(e).toBeInstanceOf(tf.NotFoundError);
    expect(e.message).toBe(`${f.dataPath}; no such file or directory`);
    expect(f.values()).toEqual(OTHER);
    fs.rmSync(f.indexPath);
    fs.writeFileSync(f.dataPath, f.data);
    e = caught(() => f.saver.restore(f.sess, f.prefix));
    expect(e).toBeInstanceOf(tf.ValueError);
    expect(e.message).toBe(`The passed save_path is not a valid checkpoint: ${f.prefix}`);
    expect(f.values()).toEqual(OTHER);
  });
});

describe('a bit-flipped checkpoint', () => {
  /**
   * Restores with every single bit of `file` flipped in turn: each must be a DataLossError that changes no
   * variable, or restore exactly SAVED. Returns the byte offsets of the flips that went unnoticed.
   */
  function flipEveryBit(f: Fixture, which: 'index' | 'data'): { detected: number; harmless: number[]; messages: Map<string, number> } {
    const file = which === 'index' ? f.indexPath : f.dataPath;
    const original = which === 'index' ? f.index : f.data;
    const harmless: number[] = [];
    const messages = new Map<string, number>();
    let detected = 0;
    f.setOther();
    for (let i = 0; i < original.length; i++) {
      for (let bit = 0; bit < 8; bit++) {
        const where = `${which} byte ${i} bit ${bit}`;
        const bytes = Buffer.from(original);
        bytes[i] ^= 1 << bit;
        fs.writeFileSync(file, bytes);
        const e = tryRestore(f);
        if (e === null) {
          harmless.push(i);
          expect(f.values(), where).toEqual(SAVED);
          f.setOther();
          continue;
        }
        detected++;
        expect(e, `${where}: ${e.message}`).toBeInstanceOf(tf.DataLossError);
        messages.set(detail(e.message), (messages.get(detail(e.message)) ?? 0) + 1);
        expect(f.values(), `${where}: ${e.message}`).toEqual(OTHER);
      }
    }
    fs.writeFileSync(file, original);
    return { detected, harmless, messages };
  }

  it('is detected at every bit of the index: a DataLossError that changes no variable', () => {
    const f = fixture();
    const { detected, harmless, messages } = flipEveryBit(f, 'index');
    // Every block and its trailer are under a CRC32C; the footer's handles are not, but the reader takes only
    // canonical varints, zero padding and blocks laid back to back, so no flip there gets through either.
    expect(harmless).toEqual([]);
    expect(detected).toBe(f.index.length * 8);
    expect([...messages.keys()].sort()).toEqual([
      'bad block handle',
      'bad block handle: the index block at offset N, expected N (blocks must be back to back)',
      'bad block handle: the metaindex block at offset N, expected N (blocks must be back to back)',
      'bad footer: non-zero padding byte at offset N',
      'block checksum mismatch',
      'not an sstable (bad magic number)',
      'truncated block read',
    ]);
    console.info(`index: ${f.index.length * 8} bit flips, ${detected} detected, ${harmless.length} harmless; ${JSON.stringify(Object.fromEntries(messages))}`);
  }, 60_000);

  it('is detected at every bit of the data file by the tensors\' CRC32C, and no variable changes', () => {
    const f = fixture();
    const { detected, harmless, messages } = flipEveryBit(f, 'data');
    expect(harmless).toEqual([]);
    expect(detected).toBe(f.data.length * 8);
    expect([...messages.keys()]).toEqual(['Checksum does not match']);
    console.info(`data: ${f.data.length * 8} bit flips, ${detected} detected, ${harmless.length} harmless`);
  }, 30_000);
});

describe('a checkpoint that does not match the variables', () => {
  /** Checkpoints in f.dir where a and b are as saved and c is not: another shape, another dtype, or no c. */
  function mismatched(f: Fixture): Array<[string, typeof tf.OpError, string]> {
    const [a, b] = f.vars;
    const cShape = tf.Variable(tf.constant([true, false, true]), { name: 'c_shape' });
    const cDtype = tf.Variable(tf.constant([1, 0], { dtype: 'int32' }), { name: 'c_dtype' });
    f.sess.run(tf.variablesInitializer([cShape, cDtype]));
    const save = (name: string, varList: Record<string, tf.Variable>) => tf.train.Saver({ varList }).save(f.sess, path.join(f.dir, name));
    return [
      [save('shape', { a, b, c: cShape }), tf.InvalidArgumentError, 'Assign requires shapes of both tensors to match. lhs shape= [2] rhs shape= [3]'],
      [save('dtype', { a, b, c: cDtype }), tf.InvalidArgumentError, 'tensor_name = c; expected dtype bool does not equal original dtype int32'],
      [save('missing', { a, b }), tf.NotFoundError, 'Key c not found in checkpoint'],
    ];
  }

  it('is refused before any variable is assigned: the first two keep their values too (graph mode)', () => {
    const f = fixture();
    const cases = mismatched(f);
    // c's bytes fail their CRC while a's and b's are whole.
    const data = Buffer.from(f.data);
    data[LAYOUT[2].offset] ^= 1;
    fs.writeFileSync(f.dataPath, data);
    cases.push([f.prefix, tf.DataLossError, `TensorBundle at ${f.prefix} shard 0 (2 bytes): Checksum does not match`]);
    f.setOther();
    for (const [prefix, Class, text] of cases) {
      const e = caught(() => f.saver.restore(f.sess, prefix));
      expect(e, prefix).toBeInstanceOf(Class);
      expect(e.message, prefix).toContain(text);
      expect(f.values(), prefix).toEqual(OTHER);
    }
    fs.writeFileSync(f.dataPath, f.data);
    expect(tryRestore(f)).toBeNull();
    expect(f.values()).toEqual(SAVED);
  });

  it('is refused before any variable is assigned in eager mode too', () => {
    const f = fixture();
    const cases = mismatched(f);
    tf.enableEagerExecution();
    const a = tf.Variable(tf.constant([[10, 20], [30, 40], [50, 60]]), { name: 'a' });
    const b = tf.Variable(tf.constant([-1, -2, -3, -4], { dtype: 'int32' }), { name: 'b' });
    const c = tf.Variable(tf.constant([false, true]), { name: 'c' });
    const saver = tf.train.Saver({ varList: [a, b, c] });
    const values = (): Values => ({ a: Array.from(a.numpy().data), b: Array.from(b.numpy().data), c: Array.from(c.numpy().data) });
    for (const [prefix, Class, text] of cases) {
      const e = caught(() => saver.restore(null, prefix));
      expect(e, prefix).toBeInstanceOf(Class);
      expect(e.message, prefix).toContain(text);
      expect(values(), prefix).toEqual(OTHER);
    }
    saver.restore(null, f.prefix);
    expect(values()).toEqual(SAVED);
  });
});

// ---- A full disk, a failing fsync, rename or link: fs calls fail on purpose, one at a time. ----

type Faulty = 'writeSync' | 'fsyncSync' | 'renameSync' | 'linkSync';
/** One write, fsync, rename or link that a save made, and the file it was for (a temporary file's final name). */
interface FsCall {
  method: Faulty;
  target: string;
}
const CODES: Record<Faulty, [code: string, text: string, Class: typeof tf.OpError]> = {
  writeSync: ['ENOSPC', 'no space left on device, write', tf.ResourceExhaustedError],
  fsyncSync: ['EIO', 'i/o error, fsync', tf.DataLossError],
  renameSync: ['ENOSPC', 'no space left on device, rename', tf.ResourceExhaustedError],
  linkSync: ['EPERM', 'operation not permitted, link', tf.PermissionDeniedError],
};

/**
 * Runs `fn` with fs.openSync, writeSync, fsyncSync, renameSync and linkSync watched: returns the writes,
 * fsyncs, renames and links made, in order. Writes take at most `chunk` bytes a call (short writes, as a nearly full disk gives).
 * With `fail`, the n-th call (1-based, among all four kinds) throws the Node error of CODES[its method].
 */
function traceFs(fn: () => void, chunk: number, fail?: number): { calls: FsCall[]; error: Error | null } {
  const real = { openSync: fs.openSync, writeSync: fs.writeSync, fsyncSync: fs.fsyncSync, renameSync: fs.renameSync, linkSync: fs.linkSync };
  const fdPath = new Map<number, string>();
  const calls: FsCall[] = [];
  const final = (p: unknown) => String(p).replace(/\.tempstate[^/]*$/, '');
  const step = (method: Faulty, target: string) => {
    calls.push({ method, target });
    if (calls.length === fail) {
      const [code, text] = CODES[method];
      throw Object.assign(new Error(`${code}: ${text}`), { code, syscall: method.replace('Sync', '') });
    }
  };
  const spies = [
    vi.spyOn(fs, 'openSync').mockImplementation(((...args: unknown[]) => {
      const fd = (real.openSync as (...a: unknown[]) => number).apply(fs, args);
      fdPath.set(fd, String(args[0]));
      return fd;
    }) as never),
    vi.spyOn(fs, 'writeSync').mockImplementation(((...args: unknown[]) => {
      step('writeSync', final(fdPath.get(args[0] as number)));
      if (typeof args[3] === 'number') args[3] = Math.min(args[3], chunk);
      return (real.writeSync as (...a: unknown[]) => number).apply(fs, args);
    }) as never),
    vi.spyOn(fs, 'fsyncSync').mockImplementation(((fd: number) => {
      step('fsyncSync', final(fdPath.get(fd)));
      real.fsyncSync.call(fs, fd);
    }) as never),
    vi.spyOn(fs, 'renameSync').mockImplementation(((from: string, to: string) => {
      step('renameSync', final(from));
      real.renameSync.call(fs, from, to);
    }) as never),
    vi.spyOn(fs, 'linkSync').mockImplementation(((from: string, to: string) => {
      step('linkSync', final(from));
      real.linkSync.call(fs, from, to);
    }) as never),
  ];
  try {
    fn();
    return { calls, error: null };
  } catch (e) {
    return { calls, error: e as Error };
  } finally {
    for (const s of spies) s.mockRestore();
  }
}

describe('a save that fails part way (a full disk, a failing fsync, rename or link)', () => {
  for (const mode of ['same prefix', 'globalStep'] as const) {
    it(`leaves the previous checkpoint restorable and no temporary file, at every write, fsync, rename and link (${mode})`, () => {
      const steps = mode === 'globalStep';
      /** A checkpoint of SAVED (step 1), the variables then set to OTHER, and the save of OTHER (step 2) to try. */
      const setUp = () => {
        const f = fixture(freshDir(), { globalStep: steps ? 1 : undefined });
        f.setOther();
        const next = steps ? `${path.join(f.dir, 'model.ckpt')}-2` : f.prefix;
        const save = () => void f.saver.save(f.sess, path.join(f.dir, 'model.ckpt'), { globalStep: steps ? 2 : undefined });
        return { f, next, save, state: fs.readFileSync(path.join(f.dir, 'checkpoint'), 'utf8') };
      };
      /** The values `prefix` restores (into variables set to zeros first). */
      const restored = (f: Fixture, prefix: string): Values => {
        f.setZeros();
        f.saver.restore(f.sess, prefix);
        return f.values();
      };

      // The save with nothing failing, in 16-byte writes: its calls, and the checkpoint it wrote.
      const dry = setUp();
      const { calls, error } = traceFs(dry.save, 16);
      expect(error).toBeNull();
      expect(restored(dry.f, dry.next)).toEqual(OTHER);
      expect(tf.train.latestCheckpoint(dry.f.dir)).toBe(dry.next);
      const bundle = [`${dry.next}.index`, `${dry.next}.data-00000-of-00001`];
      const state = path.join(dry.f.dir, 'checkpoint');
      const kinds = calls.map(({ method, target }) => `${method} ${bundle.includes(target) ? 'bundle' : target === state ? 'state' : target === dry.f.dir ? 'dir' : target}`);
      expect(new Set(kinds)).toEqual(new Set(['writeSync bundle', 'fsyncSync bundle', 'renameSync bundle', 'fsyncSync dir', 'writeSync state', 'fsyncSync state', 'renameSync state',
        // over an existing checkpoint, its data file is kept linked until the new index is in place
        ...(steps ? [] : ['linkSync bundle'])]));

      for (let n = 1; n <= calls.length; n++) {
        const { f, next, save, state: stateBefore } = setUp();
        const where = `call ${n} of ${calls.length}: ${kinds[n - 1]}`;
        const { calls: made, error: e } = traceFs(save, 16, n);
        expect(made.slice(0, n).map((c) => c.method), where).toEqual(calls.slice(0, n).map((c) => c.method));
        expect(leftovers(f.dir), where).toEqual([]);
        const [method, target] = kinds[n - 1].split(' ');
        if (target === 'dir' || method === 'linkSync') {
          // An fsync of the directory is best effort (some file systems refuse it), and so is the link that
          // keeps the old data until the new index is in place (some have no hard links): the save goes on.
          expect(e, where).toBeNull();
          expect(restored(f, next), where).toEqual(OTHER);
          continue;
        }
        const [, text, Class] = CODES[method as Faulty];
        expect(e, where).toBeInstanceOf(Class);
        expect(e!.message, where).toMatch(/^could not write /);
        expect(e!.message, where).toContain(text);
        // The `checkpoint` file is the old one, and names the old checkpoint, which restores whole.
        expect(fs.readFileSync(path.join(f.dir, 'checkpoint'), 'utf8'), where).toBe(stateBefore);
        expect(tf.train.latestCheckpoint(f.dir), where).toBe(f.prefix);
        if (target === 'bundle') {
          expect(restored(f, f.prefix), where).toEqual(SAVED);
          // Nothing of the new checkpoint is left (with globalStep: no file of model.ckpt-2 at all).
          if (steps) expect(fs.readdirSync(f.dir).filter((x) => x.startsWith('model.ckpt-2')), where).toEqual([]);
        } else {
          // The bundle was in place before the `checkpoint` file failed: the new checkpoint is whole; with the
          // same prefix it has replaced the old one, with globalStep the old one is still the latest.
          expect(restored(f, next), where).toEqual(OTHER);
          if (steps) expect(restored(f, f.prefix), where).toEqual(SAVED);
        }
      }
      const counts: Record<string, number> = {};
      for (const k of kinds) counts[k] = (counts[k] ?? 0) + 1;
      console.info(`${mode}: failed each of the save's ${calls.length} calls in turn ${JSON.stringify(counts)}`);
    }, 30_000);
  }
});

// ---- A process killed in the middle of saving ----

const CHILD = path.join(root, 'test/fixtures/saver-child.mjs');
const BIG = 1 << 18; // as in the child

/** Children still running (a failed test leaves none behind). */
const live = new Set<ReturnType<typeof spawn>>();

/** Runs the child (`same` or `steps`) in `dir` from iteration `start`, and SIGKILLs it `delay` ms after its first save. */
async function saveUntilKilled(mode: 'same' | 'steps', dir: string, start: number, delay: number): Promise<void> {
  const child = spawn(process.execPath, [CHILD, mode, dir, String(start)], { stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  child.once('exit', () => live.delete(child));
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += String(d)));
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d) => String(d).includes('ready') && resolve());
    void exited.then((how) => reject(new Error(`the saving child ended (${how}) before its first save: ${stderr}`)));
  });
  await new Promise((r) => setTimeout(r, delay));
  child.kill('SIGKILL');
  // Killed while still saving, not ended on its own.
  expect(await exited, stderr).toBe('SIGKILL');
}

/** The child's variables in a fresh graph, holding values no iteration saves (a mix: c = [true, false]). */
function childVariables() {
  tf.resetDefaultGraph();
  const vars = [
    tf.Variable(tf.fill([3, 2], -1), { name: 'a' }),
    tf.Variable(tf.fill([BIG], -1), { name: 'big' }),
    tf.Variable(tf.constant([-1, -1, -1, -1], { dtype: 'int32' }), { name: 'b' }),
    tf.Variable(tf.constant([true, false]), { name: 'c' }),
  ];
  const init = tf.globalVariablesInitializer();
  const sess = tf.Session();
  sess.run(init);
  const saver = tf.train.Saver();
  /** The one iteration whose values every variable holds, or null for the sentinels; anything else fails. */
  const iteration = (): number | null => {
    const [a, big, b, c] = (sess.run(vars) as tf.NDArray[]).map((x) => x.data);
    if (a[0] === -1) {
      expect([a, big, b, c].map((x) => Array.from(x.subarray(0, 6)))).toEqual([[-1, -1, -1, -1, -1, -1], [-1, -1, -1, -1, -1, -1], [-1, -1, -1, -1], [1, 0]]);
      expect(big.every((x) => x === -1)).toBe(true);
      return null;
    }
    const k = a[0];
    const odd = k % 2 === 1 ? 1 : 0;
    const whole = a.every((x) => x === k) && big.every((x) => x === k) && b.every((x) => x === k) && c.every((x) => x === odd);
    expect(whole, `a mix of iterations: a[0] = ${k}, big[0] = ${big[0]}, big[-1] = ${big[BIG - 1]}, b = ${Array.from(b)}, c = ${Array.from(c)}`).toBe(true);
    return k;
  };
  return { sess, saver, init, iteration };
}

/** Restores `prefix` into the child's variables: the error, or null. */
function tryRestoreInto(v: ReturnType<typeof childVariables>, prefix: string): Error | null {
  try {
    v.saver.restore(v.sess, prefix);
    return null;
  } catch (e) {
    return e as Error;
  }
}

/** Runs `jobs`, `n` at a time, starting no more after one fails. */
async function inPool(n: number, jobs: Array<() => Promise<void>>): Promise<void> {
  let next = 0;
  let failed = false;
  await Promise.all(Array.from({ length: n }, async () => {
    while (!failed && next < jobs.length) {
      try {
        await jobs[next++]();
      } catch (e) {
        failed = true;
        throw e;
      }
    }
  }));
}

describe('a process SIGKILLed in the middle of saving', () => {
  beforeAll(() => ensureBuilt('dist/index.js'), 180_000);
  afterAll(() => {
    for (const child of live) child.kill('SIGKILL');
  });
  const TRIALS = 20;
  // Kills spread over the first ~100 ms after the first save: a few saves; 3 children at a time.
  const delays = Array.from({ length: TRIALS }, (_, i) => Math.floor(((i + Math.random()) / TRIALS) * 100));

  it('the one moment a kill can spoil (between the renames over the same prefix): DataLossError, nothing assigned', () => {
    // What a kill right after the data file's rename leaves: the old index over the new data. Here a keeps its
    // value, so its bytes pass their CRC32C; b's do not, and neither a nor c is assigned.
    const f = fixture();
    const [, b, c] = f.vars;
    f.sess.run(tf.group(tf.assign(b, tf.constant([5, 5, 5, 5], { dtype: 'int32' })), tf.assign(c, tf.constant([false, false]))));
    f.saver.save(f.sess, f.prefix);
    fs.writeFileSync(f.indexPath, f.index);
    f.setOther();
    const e = caught(() => f.saver.restore(f.sess, f.prefix));
    expect(e).toBeInstanceOf(tf.DataLossError);
    expect(e.message).toContain(`TensorBundle at ${f.prefix} shard 0 (16 bytes): Checksum does not match`);
    expect(f.values()).toEqual(OTHER);
  });

  it(`saving over the same prefix: restore gives one iteration's values in every variable, or DataLossError and none (${TRIALS} kills)`, async () => {
    const v = childVariables();
    const outcomes: string[] = [];
    const left: Record<string, number> = {};
    await inPool(3, delays.map((delay, trial) => async () => {
      const dir = freshDir();
      const start = 1000 * (trial + 1);
      await saveUntilKilled('same', dir, start, delay);
      countLeftovers(dir, left);
      v.sess.run(v.init);
      const prefix = path.join(dir, 'model.ckpt');
      const error = tryRestoreInto(v, prefix);
      const k = v.iteration();
      // Whatever the kill left, the next save over it works.
      v.saver.save(v.sess, prefix);
      expect(tryRestoreInto(v, prefix)).toBeNull();
      fs.rmSync(dir, { recursive: true, force: true });
      if (error) {
        // Only the old index over the new data (killed between the two renames) can do this: their CRCs differ.
        expect(error, `killed after ${delay} ms`).toBeInstanceOf(tf.DataLossError);
        expect(error.message).toContain('Checksum does not match');
        expect(k, 'a failed restore changes nothing').toBeNull();
        outcomes.push(`${delay}ms:DataLoss`);
        return;
      }
      expect(k, `killed after ${delay} ms`).not.toBeNull();
      expect(k!, `killed after ${delay} ms`).toBeGreaterThanOrEqual(start); // at least the child's first save
      outcomes.push(`${delay}ms:${k! - start + 1}`);
    }));
    console.info(`same prefix: ${TRIALS} kills (delay:saves restored) ${outcomes.sort((x, y) => parseInt(x) - parseInt(y)).join(' ')}; leftover .tempstate files ${JSON.stringify(left)}`);
  }, 90_000);

  it(`saving with globalStep: latestCheckpoint always names a checkpoint that restores whole (${TRIALS} kills)`, async () => {
    const v = childVariables();
    const outcomes: string[] = [];
    const left: Record<string, number> = {};
    let orphans = 0;
    await inPool(3, delays.map((delay, trial) => async () => {
      const dir = freshDir();
      const start = 1000 * (trial + 1);
      await saveUntilKilled('steps', dir, start, delay);
      countLeftovers(dir, left);
      const latest = tf.train.latestCheckpoint(dir);
      expect(latest, `killed after ${delay} ms`).toMatch(/model\.ckpt-\d+$/);
      const step = Number(/-(\d+)$/.exec(latest!)![1]);
      expect(step).toBeGreaterThanOrEqual(start);
      // Every checkpoint the state file lists is whole, the latest included.
      const listed = [...fs.readFileSync(path.join(dir, 'checkpoint'), 'utf8').matchAll(/^all_model_checkpoint_paths: "(.*)"$/gm)].map((m) => m[1]);
      expect(listed.at(-1)).toBe(path.basename(latest!));
      expect(listed.length).toBeLessThanOrEqual(2); // the child's maxToKeep
      for (const name of listed) {
        v.sess.run(v.init);
        expect(tryRestoreInto(v, path.join(dir, name)), `${name}, killed after ${delay} ms`).toBeNull();
        expect(v.iteration(), `${name}, killed after ${delay} ms`).toBe(Number(/-(\d+)$/.exec(name)![1]));
      }
      // Files of checkpoints the state no longer lists (killed before their deletion was done) may stay.
      orphans += fs.readdirSync(dir).filter((f) => /^model\.ckpt-\d+\.index$/.test(f) && !listed.includes(f.replace(/\.index$/, ''))).length;
      fs.rmSync(dir, { recursive: true, force: true });
      outcomes.push(`${delay}ms:${step - start + 1}`);
    }));
    console.info(`globalStep: ${TRIALS} kills (delay:saves) ${outcomes.sort((x, y) => parseInt(x) - parseInt(y)).join(' ')}; leftover .tempstate files ${JSON.stringify(left)}; ${orphans} unlisted old checkpoints`);
  }, 90_000);
});
