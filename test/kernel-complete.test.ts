// Tab from the kernel's vm context (complete-members.ts): members as Node's REPL completes them, without
// evaluating anything (no getter runs but the engine's own pure ones, no proxy trap), in-process as the plain front end and lessons use
// it, and through the child process as the Ink UI asks it.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../src/index.js';
import { PURE_GETTERS } from '../src/kernel/pure-getters.js';
import { RemoteKernel } from '../src/kernel/remote.js';
import { contextCompleter } from '../src/kernel/tf-names.js';
import { ensureBuilt } from './build.js';
import { closeKernels, printingKernel } from './kernel-session.js';

afterEach(closeKernels);

async function session(...inputs: string[]) {
  tf.resetDefaultGraph();
  const { kernel, run } = printingKernel();
  for (const code of inputs) expect(await run(code)).not.toMatch(/Error/);
  return { kernel, complete: contextCompleter(kernel.context) };
}

describe('Tab in the kernel context', () => {
  it("completes members of the learner's objects and of tf's namespaces", async () => {
    const { complete } = await session('const sess = tf.Session()', 'const w = tf.Variable(1.0)', 'const xs = [1, 2]');
    expect(complete('sess.r')).toEqual([['sess.run'], 'sess.r']);
    expect(complete('y = w.as')).toEqual([['w.assign', 'w.assignAdd', 'w.assignSub'], 'w.as']);
    expect(complete('tf.nn.co')).toEqual([['tf.nn.conv2d'], 'tf.nn.co']);
    expect(complete('tf.train.Grad')).toEqual([['tf.train.GradientDescentOptimizer'], 'tf.train.Grad']);
    expect(complete('xs.pu')).toEqual([['xs.push'], 'xs.pu']);
    expect(complete('Math.fl')).toEqual([['Math.floor'], 'Math.fl']);
    // Object.prototype's names are noise at a tensor or a session; `_private` ones too, unless typed.
    expect(complete('sess.')[0]).not.toContain('sess.hasOwnProperty');
    expect(complete('sess.')[0].some((n) => n.startsWith('sess._'))).toBe(false);
    // The session's own names, and commands.
    expect(complete('ses')).toEqual([['sess'], 'ses']);
    expect(complete('se')[0]).toEqual(['sess', 'setInterval', 'setTimeout']);
    expect(complete(':comp')).toEqual([[':compare'], ':comp']);
    expect(complete('nothing.x')).toEqual([[], 'nothing.x']);
  });

  it('never runs a getter or a proxy trap to get there', async () => {
    const { kernel, complete } = await session(
      'let hits = 0',
      'const o = { get boom() { hits++; return { inner: 1 } }, plain: { deep: 1 } }',
      'const p = new Proxy({ a: 1 }, { ownKeys() { hits++; return [] }, get() { hits++; return 1 } })',
    );
    expect(complete('o.bo')).toEqual([['o.boom'], 'o.bo']);
    expect(complete('o.boom.in')).toEqual([[], 'o.boom.in']);
    expect(complete('o.plain.de')).toEqual([['o.plain.deep'], 'o.plain.de']);
    expect(complete('p.a')).toEqual([[], 'p.a']);
    expect(kernel.context.hits).toBe(0);
  });

  it("goes on through the engine's own side-effect-free getters (x.op.na → x.op.name), and only those", async () => {
    const { complete } = await session('const x = tf.constant([1, 2])', 'const w = tf.Variable(1.0)', 'const sess = tf.Session()');
    expect(complete('x.op.na')).toEqual([['x.op.name'], 'x.op.na']);
    expect(complete('x.shape.ra')).toEqual([['x.shape.rank'], 'x.shape.ra']);
    expect(complete('w.initializer.nodeD')).toEqual([['w.initializer.nodeDef'], 'w.initializer.nodeD']);
    expect(complete('x.graph.getOp')).toEqual([['x.graph.getOperationByName', 'x.graph.getOperations'], 'x.graph.getOp']);
    // Reading them ran no op: the graph holds the ops it held.
    expect(tf.getDefaultGraph().getOperations().map((o) => o.name)).toEqual(['Const', 'Variable/initial_value', 'Variable', 'Variable/Assign', 'Variable/read']);
  });

  it('lists getters that are still getters on their prototypes', () => {
    for (const [proto, names] of PURE_GETTERS) {
      for (const name of names) expect(typeof Object.getOwnPropertyDescriptor(proto, name)?.get, `${proto.constructor.name}.${name}`).toBe('function');
    }
  });
});

describe('Tab through the kernel process', { timeout: 20_000 }, () => {
  beforeAll(() => ensureBuilt('dist/kernel/child.js'), 120_000);
  const kernels: RemoteKernel[] = [];
  afterEach(async () => {
    await Promise.all(kernels.splice(0).map((k) => k.close()));
  });

  it('answers a completion request with what the context holds', async () => {
    const kernel = new RemoteKernel();
    kernels.push(kernel);
    await kernel.facts;
    await kernel.execute('const sess = tf.Session()');
    expect(await kernel.complete('sess.r')).toEqual([['sess.run'], 'sess.r']);
    await kernel.close();
    expect(await kernel.complete('sess.r')).toEqual([[], 'sess.r']);
  });
});
