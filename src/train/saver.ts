// tf.train.Saver (TF 1.15 training/saver.py) over the V2 tensor bundle (io/bundle.ts): save writes every
// variable's value durably and updates the `checkpoint` file; restore checks the whole checkpoint — table
// checksums, each tensor's CRC32C, names, dtypes, shapes — before it assigns anything, so a broken or
// mismatched checkpoint raises and leaves every variable as it was. In graph mode it adds TF's `save/…` ops
// (saver-graph.ts) and runs them; eager variables are read and written directly. No `.meta` file is
// written (the graph goes out with tf.train.writeGraph).
import fs from 'node:fs';
import path from 'node:path';
import { FailedPreconditionError, InvalidArgumentError, NotFoundError, RuntimeError, ValueError } from '../errors.js';
import { executingEagerly } from '../engine/mode.js';
import { getDefaultGraph } from '../graph/default-graph.js';
import { SessionImpl } from '../graph/session.js';
import { Tensor } from '../graph/tensor.js';
import { BundleReader, bundleExists, dataFile, indexFile, protoTypeString, writeBundle } from '../io/bundle.js';
import { updateCheckpointState } from '../io/checkpoint-state.js';
import { tfTypeString } from '../tensor/dtype.js';
import type { NDArray } from '../tensor/ndarray.js';
import { shapeString, shapesEqual } from '../tensor/shape.js';
import { VariableImpl } from '../ops/variable.js';
import { buildSaverGraph, type SaverGraph } from './saver-graph.js';
import type { VariableRef } from '../engine/registry.js';

const MISSING = 'Restoring from checkpoint failed. This is most likely due to a Variable name or other graph key that is missing from the checkpoint. Please ensure that you have not altered the graph expected based on the checkpoint. Original error:\n\n';
const MISMATCH = 'Restoring from checkpoint failed. This is most likely due to a mismatch between the current graph and the graph from the checkpoint. Please ensure that you have not altered the graph expected based on the checkpoint. Original error:\n\n';

export interface SaverOptions {
  varList?: unknown;
  maxToKeep?: number | null;
  /** @internal false: read and write the session directly, adding no ops (the REPL's :save-vars). */
  graphOps?: boolean;
}

export interface SaveOptions {
  globalStep?: number | Tensor | VariableImpl;
  latestFilename?: string;
  writeState?: boolean;
}

function variablesOf(varList: unknown): Map<string, VariableImpl> {
  const out = new Map<string, VariableImpl>();
  const add = (name: string, v: unknown) => {
    if (!(v instanceof VariableImpl)) throw new TypeError(`Variable to save is not a Variable: ${String(v)}`);
    if (out.has(name)) throw new ValueError(`At least two variables have the same name: ${name}`);
    out.set(name, v);
  };
  if (varList === undefined || varList === null) {
    if (executingEagerly()) throw new RuntimeError('When eager execution is enabled, `var_list` must specify a list or dict of variables to save');
    for (const v of getDefaultGraph().getCollection<VariableImpl>('variables')) add(v.saveName, v);
  } else if (Array.isArray(varList)) {
    for (const v of varList) add(v instanceof VariableImpl ? v.saveName : String(v), v);
  } else if (typeof varList === 'object') {
    for (const [k, v] of Object.entries(varList as Record<string, unknown>)) add(k, v);
  } else throw new TypeError(`Saver: varList must be a list or a dict of variables, got ${typeof varList}`);
  return out;
}

function sessionFor(sess: unknown, v: VariableImpl): SessionImpl {
  if (!(sess instanceof SessionImpl)) throw new TypeError(`'sess' must be a Session; ${String(sess)}`);
  if (sess.isClosed) throw new RuntimeError('Attempted to use a closed Session.');
  if (sess.graph !== v.graph) throw new ValueError(`Variable ${v.name} is not an element of the session's graph`);
  return sess;
}

const isEager = (v: VariableImpl): boolean => v.isEager;

function stepOf(step: SaveOptions['globalStep'], sess: unknown): number {
  if (typeof step === 'number') return step;
  if (step instanceof VariableImpl) return Number((isEager(step) ? step.numpy() : (sessionFor(sess, step).run(step) as NDArray)).data[0]);
  if (step instanceof Tensor) return Number((step.isEager ? step.numpy() : ((sess as SessionImpl).run(step) as NDArray)).data[0]);
  throw new TypeError(`globalStep must be a number, a Tensor or a Variable, got ${String(step)}`);
}

export class SaverImpl {
  private readonly vars: Map<string, VariableImpl>;
  private readonly maxToKeep: number | null;
  private last: string[] = [];
  /** TF's save/… ops, when the variables are the default graph's (graph mode). */
  private readonly ops: SaverGraph | null;

  constructor(options: SaverOptions = {}) {
    this.vars = variablesOf(options.varList);
    if (this.vars.size === 0) throw new ValueError('No variables to save');
    this.maxToKeep = options.maxToKeep === undefined ? 5 : options.maxToKeep;
    const vars = [...this.vars.values()];
    const inGraph = !executingEagerly() && vars.every((v) => !v.isEager && v.graph === getDefaultGraph());
    this.ops = inGraph && options.graphOps !== false ? buildSaverGraph(this.vars) : null;
  }

  /** The checkpoints this Saver keeps, oldest first (TF's last_checkpoints). */
  get lastCheckpoints(): string[] {
    return [...this.last];
  }

  save(sess: unknown, savePath: string, options: SaveOptions | SaveOptions['globalStep'] = {}): string {
    // Declared (train/index.ts): a positional globalStep arrives as { globalStep }; TS callers may pass either.
    const o: SaveOptions = typeof options === 'object' && !(options instanceof Tensor) && !(options instanceof VariableImpl) ? options : { globalStep: options };
    if (typeof savePath !== 'string' || savePath === '') throw new ValueError('Saver.save needs a save path (a prefix such as ./model.ckpt)');
    // TF's BundleWriter creates the prefix's directory (one level, not its parents).
    const dir = path.dirname(savePath);
    try {
      fs.mkdirSync(dir);
    } catch {
      // there already, or its parent is missing: the check below tells
    }
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new ValueError(`Parent directory of ${savePath} doesn't exist, can't save.`);
    const prefix = o.globalStep === undefined ? savePath : `${savePath}-${stepOf(o.globalStep, sess)}`;
    if (this.ops) {
      const s = sessionFor(sess, this.vars.values().next().value!);
      s.run(this.ops.saveTensor, new Map([[this.ops.filename, prefix]]));
    } else {
      const values = new Map<string, NDArray>();
      for (const [name, v] of this.vars) {
        const value = isEager(v) ? v.numpy() : sessionFor(sess, v).variableValue(v.saveName);
        if (value === undefined) throw new FailedPreconditionError(`Attempting to use uninitialized value ${v.saveName}`, v.saveName);
        values.set(name, value);
      }
      writeBundle(prefix, values);
    }
    if (o.writeState ?? true) {
      this.last = [...this.last.filter((p) => p !== prefix), prefix];
      const drop = this.maxToKeep ? this.last.slice(0, Math.max(0, this.last.length - this.maxToKeep)) : [];
      this.last = this.last.slice(drop.length);
      updateCheckpointState(dir, prefix, this.maxToKeep ? this.last : [prefix], o.latestFilename ?? 'checkpoint');
      for (const old of drop) for (const f of [indexFile(old), dataFile(old), `${old}.meta`]) fs.rmSync(f, { force: true });
    }
    return prefix;
  }

  restore(sess: unknown, savePath: string | null): null {
    if (savePath === null || savePath === undefined) throw new ValueError("Can't load save_path when it is None.");
    if (!bundleExists(savePath)) throw new ValueError(`The passed save_path is not a valid checkpoint: ${savePath}`);
    const reader = new BundleReader(savePath);
    // Every check first: a missing key, a dtype or shape that differs, bytes that fail their CRC.
    const checked: Array<[VariableImpl, NDArray]> = [];
    for (const [name, v] of this.vars) {
      const entry = reader.entries.get(name);
      if (!entry) throw new NotFoundError(`${MISSING}Key ${name} not found in checkpoint`);
      if (entry.dtype !== v.dtype) {
        throw new InvalidArgumentError(`${MISMATCH}tensor_name = ${name}; expected dtype ${tfTypeString(v.dtype)} does not equal original dtype ${protoTypeString(entry.protoDtype)}`);
      }
      const shape = v.shape.dims as number[];
      if (!shapesEqual(shape, entry.shape)) {
        throw new InvalidArgumentError(`${MISMATCH}Assign requires shapes of both tensors to match. lhs shape= ${shapeString(shape)} rhs shape= ${shapeString(entry.shape)}`);
      }
      if (!isEager(v)) sessionFor(sess, v);
      checked.push([v, reader.read(entry)]);
    }
    if (this.ops) {
      // TF's save/restore_all: one run, so its Assigns commit together or not at all.
      (sess as SessionImpl).run(this.ops.restoreOp, new Map([[this.ops.filename, savePath]]));
      return null;
    }
    const bySession = new Map<SessionImpl, Map<string, NDArray>>();
    for (const [v, value] of checked) {
      if (isEager(v)) continue;
      const s = sess as SessionImpl;
      if (!bySession.has(s)) bySession.set(s, new Map());
      bySession.get(s)!.set(v.saveName, value);
    }
    for (const [s, values] of bySession) s.setVariables(values);
    for (const [v, value] of checked) if (isEager(v)) (v.eagerRef() as VariableRef).write(value);
    return null;
  }
}
