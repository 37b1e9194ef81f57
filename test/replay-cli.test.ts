// `tensorshell replay`'s command line: what is wrong is said before any UI starts, with exit status 2.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseReplayArgs, runReplay } from '../src/transcript/replay-cli.js';
import { DEMO } from './replay-demo.js';

const scratch = mkdtempSync(join(tmpdir(), 'tensorshell-replay-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(scratch, name);
  writeFileSync(path, text);
  return path;
}

/** runReplay with a terminal or not; what it wrote and its exit status. */
async function replay(args: string[], tty = false) {
  let out = '';
  let err = '';
  const io = {
    stdin: { isTTY: tty },
    stdout: { isTTY: tty, write: (t: string) => (out += t) },
    stderr: { write: (t: string) => (err += t) },
  };
  const status = await runReplay(args, io);
  return { status, out, err };
}

describe('tensorshell replay: arguments', () => {
  it('takes one file, --from, --speed, --present and --theme, with or without =', () => {
    expect(parseReplayArgs(['a.md', '--from', 'training', '--speed=25', '--present', '--theme', 'light']))
      .toEqual({ file: 'a.md', from: 'training', speed: 25, present: true, theme: 'light' });
    expect(parseReplayArgs(['--from=x', 'a.md'])).toEqual({ file: 'a.md', from: 'x', present: false, theme: 'dark' });
  });

  it('says what is wrong with them', () => {
    expect(parseReplayArgs([])).toBe('no file to replay');
    expect(parseReplayArgs(['a.md', 'b.md'])).toBe('one file at a time, not 2');
    expect(parseReplayArgs(['a.md', '--from'])).toBe('--from needs a value');
    expect(parseReplayArgs(['a.md', '--speed', 'fast'])).toBe("--speed takes characters per second (a number above 0), not 'fast'");
    expect(parseReplayArgs(['a.md', '--speed', '0'])).toBe("--speed takes characters per second (a number above 0), not '0'");
    expect(parseReplayArgs(['a.md', '--theme', 'blue'])).toBe("--theme takes dark or light, not 'blue'");
    expect(parseReplayArgs(['a.md', '--eager'])).toBe('unknown option --eager');
  });
});

describe('tensorshell replay: before the UI starts', () => {
  it('a usage error exits 2 with the usage', async () => {
    const r = await replay([]);
    expect(r.status).toBe(2);
    expect(r.err).toMatch(/^tensorshell replay: no file to replay\nusage: tensorshell replay FILE/);
  });

  it('--help prints the usage and exits 0', async () => {
    const r = await replay(['--help']);
    expect(r).toMatchObject({ status: 0, err: '' });
    expect(r.out).toMatch(/Ctrl-P hands you the prompt and back/);
  });

  it('a malformed file is the parser\'s file:line error, exit 2', async () => {
    const path = file('bad.md', 'prose\n<!-- puase -->\n```tensorshell\n> 1\n```\n');
    const r = await replay([path], true);
    expect(r.status).toBe(2);
    expect(r.err).toBe(`${path}:2: unknown directive <!-- puase -->; the directives are mode, tolerance, anchor, pause, hidden, chart, graph, exercise\n`);
  });

  it('a file that cannot be read, or has nothing to replay, exits 2', async () => {
    expect(await replay([join(scratch, 'missing.md')], true)).toMatchObject({ status: 2, err: expect.stringMatching(/^tensorshell replay: cannot read .*missing\.md: ENOENT/) });
    const empty = file('empty.md', '# no blocks\n');
    expect(await replay([empty], true)).toEqual({ status: 2, out: '', err: `tensorshell replay: ${empty}: no \`\`\`tensorshell blocks to replay\n` });
  });

  it('an unknown --from anchor lists the anchors, exit 2', async () => {
    const path = file('demo.md', DEMO);
    expect(await replay([path, '--from', 'training'], true))
      .toEqual({ status: 2, out: '', err: `tensorshell replay: ${path}: no anchor 'training'; its anchors are eager, end\n` });
    const plain = file('plain.md', '```tensorshell\n> 1\n```\n');
    expect((await replay([plain, '--from', 'x'], true)).err).toContain("no anchor 'x'; the file has no <!-- anchor: … --> directives");
  });

  it('without a terminal it says so and exits 2 (check runs a transcript without one)', async () => {
    const r = await replay([file('ok.md', DEMO), '--from', 'end']);
    expect(r).toEqual({
      status: 2, out: '',
      err: 'tensorshell replay: replay is live: it needs a terminal on stdin and stdout (tensorshell check FILE runs a transcript without one)\n',
    });
  });
});
