// Graph: the ops, TF 1.15's naming rules (unique names, name scopes), collections and device scopes.
// Every change is journaled while `atomically` runs, so a failed build step leaves the graph as it was.
import { inspect } from 'node:util';
import { KeyError, ValueError } from '../errors.js';
import type { Attrs, OpDef, TensorSpec } from '../engine/registry.js';
import { graphDefOf, type GraphDef } from '../io/graph-def.js';
import { Operation } from './operation.js';
import type { Tensor } from './tensor.js';

const VALID_OP_NAME = /^[A-Za-z0-9.][A-Za-z0-9_.\-/]*$/;
const VALID_SCOPE_NAME = /^[A-Za-z0-9_.\-/]*$/;

let nextGraphId = 1;

export class Graph {
  readonly id = nextGraphId++;
  private readonly ops: Operation[] = [];
  private readonly byName = new Map<string, Operation>();
  /** Lower-cased name → times used (TF 1.x compares names case-insensitively). */
  private readonly namesInUse = new Map<string, number>();
  private readonly collections = new Map<string, unknown[]>();
  private nameStack = '';
  private readonly deviceStack: string[] = [];
  /** tf.control_dependencies blocks, innermost last: their ops, and the ops created inside each. */
  private readonly controlStack: Array<{ ops: Operation[]; seen: Set<Operation> }> = [];
  private journal: Array<() => void> | null = null;
  /** Forward tensor name → the name of the gradient tf.gradients summed for it (see recordGradient). */
  private readonly gradientNames = new Map<string, string>();
  private gradientChanges = 0;

  /** `<tf.Graph 1: 12 ops>`: the REPL shows a graph by its id and size, not its insides. */
  toString(): string {
    return `<tf.Graph ${this.id}: ${this.ops.length} op${this.ops.length === 1 ? '' : 's'}>`;
  }

  [inspect.custom](): string {
    return this.toString();
  }

  /** TF's GraphDef of this graph (io/graph-def.ts); addShapes adds `_output_shapes` as TensorBoard's writer does. */
  asGraphDef(options: { addShapes?: boolean } = {}): GraphDef {
    return graphDefOf(this, options.addShapes ?? false);
  }

  /** The ops in creation order (a copy). */
  getOperations(): Operation[] {
    return [...this.ops];
  }

  /** Number of ops; grows by one per op added. */
  get version(): number {
    return this.ops.length;
  }

  getOperationByName(name: string): Operation {
    const op = this.byName.get(name);
    if (!op) throw new KeyError(`The name '${name}' refers to an Operation not in the graph.`);
    return op;
  }

  /** `graph.getTensorByName('mul:0')`. */
  getTensorByName(name: string): Tensor {
    const m = /^(.*):(\d+)$/.exec(name);
    if (!m) {
      throw new ValueError(`The name '${name}' looks like an (invalid) Operation name, not a Tensor. Tensor names must be of the form "<op_name>:<output_index>".`);
    }
    const op = this.byName.get(m[1]);
    if (!op) {
      throw new KeyError(`The name '${name}' refers to a Tensor which does not exist. The operation, '${m[1]}', does not exist in the graph.`);
    }
    const index = Number(m[2]);
    if (index >= op.outputs.length) {
      throw new KeyError(`The name '${name}' refers to a Tensor which does not exist. The operation, '${m[1]}', exists but only has ${op.outputs.length} outputs.`);
    }
    return op.outputs[index];
  }

  /** TF's unique_name: prefixes the name scope and appends `_1`, `_2`, … to names already used. */
  uniqueName(name: string, markAsUsed = true): string {
    let full = this.nameStack ? `${this.nameStack}/${name}` : name;
    let key = full.toLowerCase();
    let i = this.namesInUse.get(key) ?? 0;
    if (markAsUsed) this.setNameCount(key, i + 1);
    if (i > 0) {
      const base = key;
      while (this.namesInUse.has(key)) key = `${base}_${i++}`;
      if (markAsUsed) this.setNameCount(key, 1);
      full = `${full}_${i - 1}`;
    }
    return full;
  }

  /** Marks an exact name (an imported node's) as used, so later ops are uniquified around it. */
  reserveName(full: string): void {
    const key = full.toLowerCase();
    if (this.byName.has(full)) throw new ValueError(`Node '${full}' is not unique: the graph already has an op of that name`);
    this.setNameCount(key, (this.namesInUse.get(key) ?? 0) + 1);
  }

  private setNameCount(key: string, count: number): void {
    const had = this.namesInUse.has(key);
    const old = this.namesInUse.get(key);
    this.namesInUse.set(key, count);
    this.journal?.push(() => (had ? this.namesInUse.set(key, old!) : this.namesInUse.delete(key)));
  }

  /** The current name scope, with a trailing slash ('' at the top). */
  get currentScope(): string {
    return this.nameStack ? `${this.nameStack}/` : '';
  }

  /**
   * Runs `fn` inside name scope `name` (uniquified: `layer`, `layer_1`); `fn` receives the scope with a
   * trailing slash. A name ending in '/' re-enters that scope exactly; '' or null goes back to the top.
   */
  nameScope<T>(name: string | null, fn: (scope: string) => T): T {
    if (name) {
      const valid = this.nameStack ? VALID_SCOPE_NAME : VALID_OP_NAME;
      if (!valid.test(name)) throw new ValueError(`'${name}' is not a valid scope name`);
    }
    const old = this.nameStack;
    this.nameStack = !name ? '' : name.endsWith('/') ? name.slice(0, -1) : this.uniqueName(name);
    try {
      return fn(this.currentScope);
    } finally {
      this.nameStack = old;
    }
  }

  /** Runs `fn` with ops placed on `device` (canonical form). */
  withDevice<T>(device: string, fn: () => T): T {
    this.deviceStack.push(device);
    try {
      return fn();
    } finally {
      this.deviceStack.pop();
    }
  }

  get currentDevice(): string {
    return this.deviceStack.length ? this.deviceStack[this.deviceStack.length - 1] : '';
  }

  /** Runs `fn` so that every op it creates runs after `ops` (tf.control_dependencies). */
  withControlDependencies<T>(ops: readonly Operation[], fn: () => T): T {
    this.controlStack.push({ ops: [...ops], seen: new Set() });
    try {
      return fn();
    } finally {
      this.controlStack.pop();
    }
  }

  /**
   * The control inputs the enclosing tf.control_dependencies blocks give a new op, pruned as TF 1.15's
   * `_control_dependencies_for_inputs` prunes them: none from a block when one of the op's inputs was made
   * inside that block (it already runs after them), and never an op that is already a data input.
   */
  private blockControlInputs(inputs: readonly Tensor[]): Operation[] {
    const inputOps = new Set(inputs.map((t) => t.op));
    const control: Operation[] = [];
    for (const block of this.controlStack) {
      if ([...inputOps].some((op) => block.seen.has(op))) continue;
      control.push(...block.ops.filter((c) => !inputOps.has(c)));
    }
    return control;
  }

  /**
   * Adds an op. `name` ending in '/' is used as is (minus the slash); any other name is uniquified.
   * Output specs come from the caller (shape inference runs before anything is added).
   */
  createOp(def: OpDef, inputs: readonly Tensor[], attrs: Attrs, outputs: readonly TensorSpec[],
    options: { name: string; controlInputs?: readonly Operation[] }): Operation {
    const name = options.name.endsWith('/') ? options.name.slice(0, -1) : this.uniqueName(options.name);
    const control = [...(options.controlInputs ?? []), ...this.blockControlInputs(inputs)];
    const op = new Operation({
      graph: this, id: this.ops.length, name, def, inputs, outputs,
      controlInputs: [...new Set(control)], device: this.currentDevice, attrs,
    });
    this.ops.push(op);
    this.byName.set(name, op);
    for (const block of this.controlStack) block.seen.add(op);
    this.journal?.push(() => {
      this.ops.pop();
      this.byName.delete(name);
    });
    return op;
  }

  /**
   * Notes that tf.gradients summed the gradient of `forward` into `gradient` (TF's `grads[t]` after AddN);
   * a later call for the same tensor replaces it. Undone with the ops when the build fails.
   */
  recordGradient(forward: Tensor, gradient: Tensor): void {
    const key = forward.name;
    const old = this.gradientNames.get(key);
    this.gradientNames.set(key, gradient.name);
    this.gradientChanges++;
    this.journal?.push(() => (old === undefined ? this.gradientNames.delete(key) : this.gradientNames.set(key, old)));
  }

  /**
   * The gradient tensor tf.gradients last built for each tensor it reached, by name — what the graph view
   * writes under an edge: `{ 'add:0': 'gradients/mul_grad/Mul:0', 'mul:0': 'gradients/Fill:0' }`.
   */
  gradientMap(): Record<string, string> {
    return Object.fromEntries(this.gradientNames);
  }

  /** Changes with every recordGradient, so a watcher can tell cheaply whether gradientMap() has news. */
  get gradientMapVersion(): number {
    return this.gradientChanges;
  }

  addToCollection(key: string, value: unknown): void {
    const list = this.collections.get(key) ?? [];
    this.collections.set(key, list);
    list.push(value);
    this.journal?.push(() => list.pop());
  }

  /** A copy of collection `key` ('variables', 'trainable_variables', …), in insertion order. */
  getCollection<T = unknown>(key: string): T[] {
    return [...((this.collections.get(key) ?? []) as T[])];
  }

  /**
   * Runs `fn`; if it throws, every op, name and collection entry it added is removed again, so an error
   * never leaves the graph half-changed. A nested call undoes only its own part (the caller may catch).
   */
  atomically<T>(fn: () => T): T {
    const journal = this.openJournal();
    try {
      const result = fn();
      journal.close();
      return result;
    } catch (e) {
      journal.rollback();
      throw e;
    }
  }

  /**
   * Starts recording changes until `close()`; `rollback()` undoes them. The asynchronous form of
   * `atomically`, for a REPL input that awaits: it may span many turns of the event loop.
   */
  openJournal(): { rollback(): void; close(): void } {
    const owner = this.journal === null;
    if (owner) this.journal = [];
    const journal = this.journal!;
    const mark = journal.length;
    let open = true;
    const end = () => {
      open = false;
      if (owner && this.journal === journal) this.journal = null;
    };
    return {
      rollback: () => {
        if (!open) return;
        for (let i = journal.length - 1; i >= mark; i--) journal[i]();
        journal.length = mark;
        end();
      },
      close: () => {
        if (open) end();
      },
    };
  }
}
