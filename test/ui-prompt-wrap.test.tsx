// A cursor line longer than the terminal wraps beside its prompt, which keeps its space (ink-testing-library:
// 100 columns): `lazy> const …` then the rest under the code, not `lazy>const …`.
import { cleanup, render } from 'ink-testing-library';
import { afterEach, expect, it } from 'vitest';
import { App } from '../src/ui/App.js';
import { FakeKernel } from './ui-fake-kernel.js';

afterEach(cleanup);

it('a long line wraps beside the prompt, which keeps its space', async () => {
  const app = render(<App kernel={new FakeKernel()} completer={(line) => [[], line]} />);
  const frame = () => (app.lastFrame() ?? '').replace(/\u001B\[[0-9;]*m/g, '');
  const code = `const leaf = ${Array.from({ length: 12 }, (_, i) => `tf.constant(${i})`).join(' + ')}`;
  // ink-testing-library#11: a write before Ink listens is lost, so wait for the first frame's prompt.
  for (let i = 0; i < 400 && !frame().includes('lazy>'); i++) await new Promise((r) => setTimeout(r, 5));
  app.stdin.write(code);
  for (let i = 0; i < 400 && !frame().includes('tf.constant(11)'); i++) await new Promise((r) => setTimeout(r, 5));
  const lines = frame().split('\n');
  const at = lines.findIndex((l) => l.startsWith('lazy> const leaf = tf.constant(0)'));
  expect(at, frame()).toBeGreaterThanOrEqual(0);
  // The rest of the line continues six columns in, under the code; nothing of it is lost.
  expect(lines[at + 1]).toMatch(/^ {6}\S/);
  const squeeze = (t: string) => t.replace(/\s+/g, '');
  expect(squeeze(lines.slice(at, at + 3).map((l, i) => (i === 0 ? l.slice(6) : l)).join(''))).toBe(squeeze(code));
});
