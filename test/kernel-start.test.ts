// How the kernel starts fast (the first-answer items of issue 16): the one-file bundles are taken only while
// they are up to date, and a kernel process forked before its RemoteKernel (while the UI loads Ink) is the
// one that RemoteKernel then drives, its first messages kept.
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundleOf } from '../src/kernel/bundles.js';
import { RemoteKernel, forkEarly } from '../src/kernel/remote.js';
import { ensureBuilt } from './build.js';

describe('bundleOf', () => {
  it('takes the bundle beside an entry only while it is as new as the entry', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tensorshell-bundles-'));
    try {
      const entry = join(dir, 'child.js');
      const bundle = join(dir, 'child.bundle.js');
      writeFileSync(entry, '');
      expect(bundleOf(pathToFileURL(entry)).href).toBe(pathToFileURL(entry).href);
      writeFileSync(bundle, '');
      utimesSync(entry, 1000, 1000);
      utimesSync(bundle, 2000, 2000);
      expect(bundleOf(pathToFileURL(entry)).href).toBe(pathToFileURL(bundle).href);
      utimesSync(entry, 3000, 3000);
      expect(bundleOf(pathToFileURL(entry)).href).toBe(pathToFileURL(entry).href);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('forkEarly', () => {
  beforeAll(() => ensureBuilt('dist/kernel/child.js'), 120_000);

  /** Whether process `pid` runs. */
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };

  it('gives the next RemoteKernel with the same options the process it forked, ready message and all', async () => {
    forkEarly({ mode: 'eager' });
    // Long enough for the child to be ready and to have said so before any RemoteKernel listens.
    await new Promise((r) => setTimeout(r, 1500));
    const kernel = new RemoteKernel({ mode: 'eager' });
    try {
      expect((await kernel.facts).devices).toContain('/cpu:0');
      const texts: string[] = [];
      kernel.on((e) => (e.type === 'output' ? texts.push(e.text) : 0));
      expect(await kernel.execute('tf.constant(2.0) * 3')).toEqual({ status: 'ok' });
      expect(texts).toEqual(['<tf.Tensor: shape=(), dtype=float32, numpy=6.0>']);
      expect(kernel.mode).toBe('eager');
    } finally {
      await kernel.close();
    }
  });

  it('ends the process it forked when the next RemoteKernel wants another one', async () => {
    forkEarly({ mode: 'eager' });
    const kernel = new RemoteKernel({ mode: 'lazy' });
    try {
      expect(await kernel.execute('1 + 1')).toEqual({ status: 'ok' });
      expect(kernel.mode).toBe('lazy');
      const pids = (await import('node:child_process')).execFileSync('pgrep', ['-P', String(process.pid)], { encoding: 'utf8' })
        .trim().split('\n').map(Number).filter((pid) => alive(pid));
      expect(pids).toEqual([kernel.pid]);
    } finally {
      await kernel.close();
    }
  });
});
