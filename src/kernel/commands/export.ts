// `:export graph.pbtxt|graph.pb|graph.dot`: the default graph as a file other tools open — TF's GraphDef in
// text format (what tf.io.write_graph writes; tf.importGraphDef and TF's import_graph_def read it), the binary
// GraphDef (Netron, TensorFlow), or Graphviz DOT (io/graph-dot.ts). The file is written whole or not at all:
// a temporary file beside it, fsynced, then renamed over it (io/files.ts writeAtomic).
import { existsSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import * as tf from '../../index.js';
import { writeAtomic } from '../../io/files.js';
import { graphToDot } from '../../io/graph-dot.js';
import { graphDefOf } from '../../io/graph-def.js';
import type { Command } from './command.js';
import { checkDirectory } from './checkpoint-vars.js';
import { plural } from './reset.js';

interface Format {
  what: string;
  data(graph: tf.Graph): string | Uint8Array;
  next(file: string): string;
}

const FORMATS: Record<string, Format> = {
  '.pbtxt': {
    what: 'a GraphDef in text format',
    data: (g) => graphDefOf(g).toString(),
    next: () => "TF's tf.compat.v1.import_graph_def reads it, as does tf.importGraphDef given the file's text",
  },
  '.pb': {
    what: 'a binary GraphDef',
    data: (g) => graphDefOf(g).serialize(),
    next: () => "Netron opens it; TF's tf.compat.v1.import_graph_def reads it, as does tf.importGraphDef given the file's bytes",
  },
  '.dot': {
    what: 'a Graphviz drawing',
    data: (g) => graphToDot(g),
    next: (file) => `dot -Tsvg ${file} -o ${file.replace(/\.dot$/i, '')}.svg draws it`,
  },
};

export const exportGraph: Command = {
  name: 'export',
  summary: 'write the default graph to a file: .pbtxt (GraphDef text), .pb (binary GraphDef) or .dot (Graphviz)',
  usage: '<file.pbtxt|.pb|.dot>',
  run(kernel, args) {
    const file = args.trim();
    if (file === '') throw new Error(':export needs a file name, e.g. :export graph.pbtxt (or graph.pb, graph.dot)');
    const ext = extname(file).toLowerCase();
    const format = FORMATS[ext];
    if (format === undefined) {
      throw new Error(`:export writes .pbtxt (GraphDef text), .pb (binary GraphDef) or .dot (Graphviz); ${file} ${ext === '' ? 'has no extension' : `ends in ${ext}`}`);
    }
    const graph = tf.getDefaultGraph();
    const ops = graph.getOperations().length;
    if (ops === 0) {
      throw new Error(kernel.mode === 'eager'
        ? ':export: nothing to export: the default graph is empty (in eager mode each op runs at once and adds nothing to it; :mode lazy, then build a graph)'
        : ':export: nothing to export: the default graph is empty; define some ops first');
    }
    checkDirectory('export', file);
    const existed = existsSync(file);
    writeAtomic(resolve(file), format.data(graph));
    const lines = [`wrote ${plural(ops, 'op')} to ${file}, ${format.what}${existed ? ' (it replaced the file that was there)' : ''}: ${format.next(file)}`];
    if (kernel.mode === 'eager') lines.push('(the graph built in lazy mode: eager ops add nothing to it)');
    return lines.join('\n');
  },
};
