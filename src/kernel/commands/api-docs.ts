// The signature and doc line of a public function, read from the package's own declaration files
// (dist/**/*.d.ts, written by tsc with the TSDoc comments): `?tf.matmul` shows what the source says.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

let declarations: string[] | null = null;

function loadDeclarations(): string[] {
  if (declarations) return declarations;
  const root = fileURLToPath(new URL('../../../dist/', import.meta.url));
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(dir, entry.name));
      else if (entry.name.endsWith('.d.ts')) files.push(readFileSync(join(dir, entry.name), 'utf8'));
    }
  };
  try {
    walk(root);
  } catch {
    // No dist (a source checkout that was never built): signatures come from the functions instead.
  }
  declarations = files;
  return files;
}

/** `{ signature, doc }` of the exported declaration `name`, or null when no declaration file has it. */
export function apiDoc(name: string): { signature: string; doc: string } | null {
  const decl = new RegExp(`(/\\*\\*((?:(?!\\*/)[\\s\\S])*)\\*/\\s*)?export declare (?:function|const|class) ${name}\\b([^\\n;{]*)`);
  for (const text of loadDeclarations()) {
    const m = decl.exec(text);
    if (!m) continue;
    // The first line of the comment is the summary (house style); the rest is detail.
    const doc = (m[2] ?? '').split('\n').map((l) => l.replace(/^\s*\*\s?/, '').trim()).filter(Boolean)[0] ?? '';
    const callable = /Callable<typeof (\w+)>/.exec(m[3]);
    const ctor = callable ? constructorOf(callable[1]) : null;
    return { signature: ctor ? `${name}${ctor}` : `${name}${m[3].trim()}`, doc };
  }
  return null;
}

/** `(learningRate: Hyper, options?: OptimizerOptions)` of class `cls`, for a callable class's help line. */
function constructorOf(cls: string): string | null {
  const decl = new RegExp(`export declare class ${cls}\\b[\\s\\S]*?constructor(\\([^;]*\\));`);
  for (const text of loadDeclarations()) {
    const m = decl.exec(text);
    if (m) return `${m[1].replace(/\s+/g, ' ')}  (with or without new)`;
  }
  return null;
}
