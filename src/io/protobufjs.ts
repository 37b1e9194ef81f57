// protobufjs, loaded when a GraphDef, summary, event file or checkpoint is first read or written: the
// package (~100 CommonJS files) and the schema built from it cost the REPL's first answer ~0.1 s otherwise.
import { createRequire } from 'node:module';
import type protobufjs from 'protobufjs';

const require = createRequire(import.meta.url);
let loaded: typeof protobufjs | null = null;

/** The protobufjs module, e.g. `protobuf().parse(source, root)`. */
export function protobuf(): typeof protobufjs {
  loaded ??= require('protobufjs') as typeof protobufjs;
  return loaded;
}
