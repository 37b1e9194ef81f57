// `tensorshell replay FILE [--from ANCHOR] [--speed N] [--present] [--theme dark|light]`: the command line
// around the speaker's mode. Everything that can be wrong is found before the UI starts — an unreadable or
// malformed file (the parser's `file:line: …`), an unknown anchor (with the file's anchors listed), no
// terminal — and exits 2. Replay is live by nature: without a terminal it does not fall back to printing
// the script (`tensorshell check FILE` runs a transcript without one, and says whether it still holds).
import { readFileSync } from 'node:fs';
import { parseTranscript, TranscriptError } from './format.js';
import { ReplayScript } from './replay-script.js';

export const REPLAY_USAGE = `usage: tensorshell replay FILE [--from ANCHOR] [--speed N] [--present] [--theme dark|light]
  Plays a transcript as a live demo in the terminal UI: each key types the next characters of the script,
  Enter runs the input (the next waits until it has finished), Ctrl-P hands you the prompt and back,
  [ and ] jump between anchors (<!-- anchor: name -->), <!-- pause --> waits for a key.
  --from ANCHOR  start at the anchor; the inputs before it run unseen
  --speed N      type N characters a second without keys (Enter still runs at once)
  --present      presenter mode: high contrast, no frames, the panels beside the code
  --theme NAME   dark (default) or light`;

export interface ReplayIo {
  stdin: { isTTY?: boolean };
  stdout: { isTTY?: boolean; write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

interface ReplayArgs {
  file: string;
  from?: string;
  speed?: number;
  present: boolean;
  theme: 'dark' | 'light';
}

/** Runs `tensorshell replay` with the arguments after `replay`; resolves to the exit status. */
export async function runReplay(argv: readonly string[], io: ReplayIo): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout.write(`${REPLAY_USAGE}\n`);
    return 0;
  }
  const args = parseReplayArgs(argv);
  if (typeof args === 'string') return fail(io, `${args}\n${REPLAY_USAGE}`);
  let script: ReplayScript;
  try {
    script = new ReplayScript(parseTranscript(readFileSync(args.file, 'utf8'), args.file), args.file);
  } catch (e) {
    // `file:line: …` alone, as compilers write it, so that editors and terminals can jump there.
    if (e instanceof TranscriptError) return void io.stderr.write(`${e.message}\n`), 2;
    return fail(io, `cannot read ${args.file}: ${(e as Error).message}`);
  }
  if (script.items.length === 0) return fail(io, `${args.file}: no \`\`\`tensorshell blocks to replay`);
  const start = args.from === undefined ? 0 : script.anchorItem(args.from);
  if (start === undefined) {
    const names = script.anchors.map((a) => a.name);
    return fail(io, `${args.file}: no anchor '${args.from}'; ${names.length === 0 ? 'the file has no <!-- anchor: … --> directives' : `its anchors are ${names.join(', ')}`}`);
  }
  if (io.stdin.isTTY !== true || io.stdout.isTTY !== true) {
    return fail(io, 'replay is live: it needs a terminal on stdin and stdout (tensorshell check FILE runs a transcript without one)');
  }
  const { startUi } = await (await import('../ui/load-ui.js')).loadUi();
  return startUi({ eager: false, present: args.present, theme: args.theme, replay: { script, start, speed: args.speed } });
}

/** The arguments, or what is wrong with them. */
export function parseReplayArgs(argv: readonly string[]): ReplayArgs | string {
  const files: string[] = [];
  const args: Omit<ReplayArgs, 'file'> = { present: false, theme: 'dark' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const option = /^(--from|--speed|--theme)(?:=(.*))?$/.exec(a);
    if (option) {
      const value = option[2] ?? argv[++i];
      if (value === undefined) return `${option[1]} needs a value`;
      if (option[1] === '--from') args.from = value;
      else if (option[1] === '--theme') {
        if (value !== 'dark' && value !== 'light') return `--theme takes dark or light, not '${value}'`;
        args.theme = value;
      } else {
        const speed = Number(value);
        if (!/^\d+(\.\d+)?$/.test(value) || !(speed > 0)) return `--speed takes characters per second (a number above 0), not '${value}'`;
        args.speed = speed;
      }
    } else if (a === '--present') args.present = true;
    else if (a.startsWith('-') && a !== '-') return `unknown option ${a}`;
    else files.push(a);
  }
  if (files.length !== 1) return files.length === 0 ? 'no file to replay' : `one file at a time, not ${files.length}`;
  return { file: files[0], ...args };
}

function fail(io: ReplayIo, message: string): number {
  io.stderr.write(`tensorshell replay: ${message}\n`);
  return 2;
}
