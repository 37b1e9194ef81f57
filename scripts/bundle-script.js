// Turns an ES-module bundle the build made (the UI's, the kernel process's, the plain front end's) into a
// classic script beside it, so that Node can keep V8's code cache of it (src/kernel/cached-script.ts): Node 20
// caches no ES module's compiled code, and compiling a bundle — at load, and function by function as it
// starts — is a good part of the first answer. The script
// is one async function of the bundle's imports: each top-level `import` becomes a constant read from the
// modules the loader has imported already, `import()` of a module outside the bundle goes through the
// loader, `import.meta` is the bundle's, and the `export { … }` at the end (if any) is returned. Anything else
// at the top level that refers to a module (a re-export, `export default`) is refused: the ES bundle is used then.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import vm from 'node:vm';
import { parse } from 'acorn';
import { walk } from './acorn-walk.js';

/** `{ script, imports }`, or null (with the reason) when the bundle holds something this does not rewrite. */
export function toScript(code) {
  const ast = parse(code, { ecmaVersion: 'latest', sourceType: 'module' });
  const imports = [];
  const edits = [];
  const index = (source) => {
    let i = imports.indexOf(source);
    if (i === -1) i = imports.push(source) - 1;
    return i;
  };
  let exported = null;
  for (const node of ast.body) {
    if (node.type === 'ImportDeclaration') {
      const m = `__module(${index(node.source.value)})`;
      const decls = node.specifiers.map((s) => {
        if (s.type === 'ImportNamespaceSpecifier') return `${s.local.name} = ${m}`;
        const name = s.type === 'ImportDefaultSpecifier' ? 'default' : s.imported.name ?? s.imported.value;
        return `${s.local.name} = ${m}[${JSON.stringify(name)}]`;
      });
      edits.push([node.start, node.end, decls.length === 0 ? ';' : `const ${decls.join(', ')};`]);
    } else if (node.type === 'ExportNamedDeclaration' && node.source === null && node.declaration === null) {
      exported = node.specifiers.map((s) => `${JSON.stringify(s.exported.name ?? s.exported.value)}: ${s.local.name}`);
      edits.push([node.start, node.end, '']);
    } else if (node.type.startsWith('Export')) {
      return { reason: `a top-level ${node.type} at ${node.start}` };
    }
  }
  exported ??= [];
  let refused = null;
  walk(ast, (node) => {
    if (node.type === 'MetaProperty' && node.meta.name === 'import') edits.push([node.start, node.end, '__meta']);
    if (node.type === 'ImportExpression') {
      if (node.source.type !== 'Literal') refused ??= `an import() of a computed name at ${node.start}`;
      else edits.push([node.start, node.start + 'import'.length, '__import']);
    }
  });
  if (refused !== null) return { reason: refused };
  edits.sort((a, b) => b[0] - a[0]);
  let body = code;
  for (const [start, end, text] of edits) body = body.slice(0, start) + text + body.slice(end);
  const script = `(async function (__module, __import, __meta) {\n${body}\nreturn { ${exported.join(', ')} };\n})`;
  return { script, imports };
}

/** X.script.js and X.script.json beside the ES bundle X.bundle.js, or a note on stderr (the ES bundle serves then). */
export function writeScript(bundleFile, tool) {
  const scriptFile = bundleFile.replace(/\.bundle\.js$/, '.script.js');
  const name = basename(scriptFile);
  for (const f of readdirSync(dirname(scriptFile))) {
    if (f === name || f === name.replace(/\.js$/, '.json') || (f.startsWith(`${name}.`) && f.endsWith('.cache'))) rmSync(join(dirname(scriptFile), f), { force: true });
  }
  const made = toScript(readFileSync(bundleFile, 'utf8'));
  if (made.script === undefined) {
    process.stderr.write(`${tool}: no cacheable script of ${bundleFile} (${made.reason}); the ES bundle serves\n`);
    return;
  }
  new vm.Script(made.script, { filename: scriptFile });
  writeFileSync(scriptFile, made.script);
  // The cache's name holds the script's hash: V8 checks a cache against the source's length only.
  const hash = createHash('sha256').update(made.script).digest('hex').slice(0, 16);
  writeFileSync(scriptFile.replace(/\.js$/, '.json'), `${JSON.stringify({ imports: made.imports, hash })}\n`);
}
