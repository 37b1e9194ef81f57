// The optimizer base class of TF 1.15 (training/optimizer.py): computeGradients builds the backward pass,
// applyGradients adds one update op per variable under the optimizer's name scope and groups them in a
// NoOp — which is all a `train_op` is.
import { inspect } from 'node:util';
import { executingEagerly } from '../engine/mode.js';
import { RuntimeError, ValueError } from '../errors.js';
import { getDefaultGraph } from '../graph/default-graph.js';
import type { Operation } from '../graph/operation.js';
import { Tensor } from '../graph/tensor.js';
import { gradients } from '../grads/gradients.js';
import { GradientTapeImpl } from '../grads/tape.js';
import { applyGraphOp } from '../ops/apply.js';
import { assignAdd } from '../ops/state.js';
import { trainableVariables } from '../ops/graph-api.js';
import { Variable, VariableImpl } from '../ops/variable.js';
import { constant } from '../ops/creation.js';
import { NDArray } from '../tensor/ndarray.js';

export type GradAndVar = [Tensor | null, Variable];
/** A loss tensor (graph mode) or a function returning one (required in eager mode). */
export type Loss = Tensor | (() => Tensor);

export interface ComputeGradientsOptions {
  /** Variables to differentiate (default: the trainable_variables collection, or those the loss reads). */
  varList?: readonly Variable[];
}

export interface ApplyGradientsOptions {
  /** A Variable incremented by one after the updates (`tf.train.getOrCreateGlobalStep()`). */
  globalStep?: Variable;
  /** Name scope of the update ops (default: the optimizer's name). */
  name?: string;
}

const TRAIN_OP = 'train_op';

export abstract class Optimizer {
  /** The name scope of the update ops: 'GradientDescent', 'Momentum', 'Adam'. */
  readonly name: string;
  readonly useLocking: boolean;
  private readonly slots = new Map<string, Map<Variable, Variable>>();
  private readonly eagerHypers = new Map<string, { value: number; tensor: Tensor }>();

  protected constructor(name: string, useLocking = false) {
    if (typeof name !== 'string' || name === '') throw new ValueError('Must specify the optimizer name');
    this.name = name;
    this.useLocking = useLocking;
  }

  /** `<tf.train.GradientDescentOptimizer name=GradientDescent>`: the REPL shows what it is, not its insides. */
  toString(): string {
    return `<tf.train.${this.constructor.name.replace(/Impl$/, '')} name=${this.name}>`;
  }

  [inspect.custom](): string {
    return this.toString();
  }

  /** Creates the hyper-parameter tensors (`GradientDescent/learning_rate`) inside the update scope. */
  protected abstract prepare(): void;
  /** The update op for one variable (`…/update_Variable/ApplyGradientDescent`). */
  protected abstract applyDense(grad: Tensor, v: Variable): Tensor | Operation | null;
  /** Creates per-variable state (momentum accumulators, Adam's m and v) before the updates. */
  protected createSlots(_vars: readonly Variable[]): void {}

  /**
   * `[grad, var]` pairs for `loss`, in variable-creation order, with null for a variable the loss does
   * not depend on: `opt.computeGradients(loss)`. Eager mode needs `loss` as a function.
   */
  computeGradients(loss: Loss, options: ComputeGradientsOptions = {}): GradAndVar[] {
    if (executingEagerly()) return this.computeEager(loss, options);
    const lossTensor = typeof loss === 'function' ? loss() : loss;
    if (!(lossTensor instanceof Tensor)) throw new TypeError(`computeGradients: loss must be a Tensor or a function returning one, got ${String(lossTensor)}`);
    assertFloat([lossTensor]);
    const varList = options.varList ? [...options.varList] : trainableVariables();
    if (varList.length === 0) throw new ValueError('No variables to optimize.');
    checkVariables(varList);
    const grads = gradients(lossTensor, varList, { gateGradients: true });
    return varList.map((v, i) => [grads[i], v]);
  }

  private computeEager(loss: Loss, options: ComputeGradientsOptions): GradAndVar[] {
    if (typeof loss !== 'function') {
      throw new RuntimeError('`loss` passed to Optimizer.compute_gradients should be a function when eager execution is enabled.');
    }
    const tape = new GradientTapeImpl();
    if (options.varList) tape.watch([...options.varList]);
    const value = tape.record(loss);
    const varList = options.varList ? [...options.varList] : tape.watchedVariables();
    if (varList.length === 0) throw new ValueError('No variables to optimize.');
    checkVariables(varList);
    const grads = tape.gradient(value, varList) as Array<Tensor | null>;
    return varList.map((v, i) => [grads[i], v]);
  }

  /**
   * Adds (graph) or runs (eager) the updates: `GradientDescent/learning_rate`, one
   * `GradientDescent/update_<var>/ApplyGradientDescent` per variable, and the NoOp `GradientDescent`.
   */
  applyGradients(gradsAndVars: readonly GradAndVar[], options: ApplyGradientsOptions = {}): Operation | undefined {
    const pairs = checkPairs(gradsAndVars);
    const withGrad = pairs.filter(([g]) => g !== null);
    if (withGrad.length === 0) {
      throw new ValueError(`No gradients provided for any variable: ${pyList(pairs.map(([, v]) => String(v)))}.`);
    }
    if (executingEagerly()) {
      this.createSlots(withGrad.map(([, v]) => v));
      this.prepare();
      for (const [g, v] of withGrad) this.applyDense(g!, v);
      this.finish([], '');
      return undefined;
    }
    const graph = getDefaultGraph();
    return graph.atomically(() => {
      graph.nameScope('', () => this.createSlots(withGrad.map(([, v]) => v)));
      return graph.nameScope(options.name ?? this.name, (scope) => {
        this.prepare();
        const updates: Operation[] = [];
        for (const [g, v] of withGrad) {
          const u = graph.nameScope(`update_${v.op.name}`, () => this.applyDense(g!, v));
          if (u) updates.push(u instanceof Tensor ? u.op : u);
        }
        let train: Operation;
        if (options.globalStep === undefined) {
          train = this.finish(updates, scope)!;
        } else {
          const done = this.finish(updates, `${scope}update/`)!;
          train = graph.withControlDependencies([done], () => assignAdd(options.globalStep!, 1, { name: scope }).op);
        }
        if (!graph.getCollection(TRAIN_OP).includes(train)) graph.addToCollection(TRAIN_OP, train);
        return train;
      });
    });
  }

  /** computeGradients then applyGradients: the `train_op` (`opt.minimize(loss)`). */
  minimize(loss: Loss, options: ComputeGradientsOptions & ApplyGradientsOptions = {}): Operation | undefined {
    const pairs = this.computeGradients(loss, { varList: options.varList });
    if (pairs.every(([g]) => g === null)) {
      const lossText = typeof loss === 'function' ? 'function' : loss.toString();
      throw new ValueError(`No gradients provided for any variable, check your graph for ops that do not support gradients, between variables ${pyList(pairs.map(([, v]) => String(v)))} and loss ${lossText}.`);
    }
    return this.applyGradients(pairs, { globalStep: options.globalStep, name: options.name });
  }

  /** Groups the update ops in a NoOp named after the scope (`GradientDescent`); Adam adds its own steps. */
  protected finish(updates: readonly Operation[], scope: string): Operation | null {
    if (executingEagerly()) return null;
    return applyGraphOp('NoOp', [], {}, { name: scope, controlInputs: updates });
  }

  /** The slot variable `name` of `v` (e.g. 'momentum'), or undefined. */
  getSlot(v: Variable, name: string): Variable | undefined {
    return this.slots.get(name)?.get(v);
  }

  getSlotNames(): string[] {
    return [...this.slots.keys()].sort();
  }

  /** A zero-filled slot named `<var>/<opName>` like TF's slot_creator (`Variable/Momentum`), made once per variable. */
  protected zerosSlot(v: Variable, slotName: string, opName: string): Variable {
    const perVar = this.slots.get(slotName) ?? new Map<Variable, Variable>();
    this.slots.set(slotName, perVar);
    let slot = perVar.get(v);
    if (!slot) {
      // An NDArray, not a nested JS array: in graph mode the Const is made inside the slot variable's
      // scope, and building 3.2M nested zeros took 0.6 s of minimize() for the conv net's fc1 weights.
      const zeros = new NDArray(new Float32Array(v.shape.numElements() ?? 0), v.shape.dims as number[], 'float32');
      const initial = executingEagerly() ? constant(zeros) : zeros;
      slot = new Variable(initial, { name: executingEagerly() ? opName : `${v.op.name}/${opName}`, trainable: false, initialValueName: 'Initializer/zeros' });
      perVar.set(v, slot);
    }
    return slot;
  }

  /** A learning rate or other hyper-parameter as a tensor named `name` (a Const unless it is a tensor). */
  protected hyper(value: number | Tensor | (() => number | Tensor), name: string): Tensor {
    const v = typeof value === 'function' ? value() : value;
    if (v instanceof Tensor) return v;
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new TypeError(`${this.name}: ${name} must be a finite number or a float32 tensor, got ${String(v)}`);
    if (!executingEagerly()) return constant(v, { name });
    // Eager training loops apply gradients every step: make each constant once.
    const cached = this.eagerHypers.get(name);
    if (cached && cached.value === v) return cached.tensor;
    const tensor = constant(v, { name });
    this.eagerHypers.set(name, { value: v, tensor });
    return tensor;
  }
}

function assertFloat(tensors: readonly Tensor[]): void {
  for (const t of tensors) {
    if (t.dtype !== 'float32') throw new ValueError(`Invalid type ${t.dtype} for ${t.name}, expected: [float32].`);
  }
}

function checkVariables(vars: readonly unknown[]): void {
  for (const v of vars) {
    if (!(v instanceof VariableImpl)) throw new TypeError(`varList must contain tf.Variable objects, got ${String(v)}`);
    if (v.dtype !== 'float32') throw new ValueError(`Invalid type ${v.dtype} for ${v.name}, expected: [float32].`);
  }
}

function checkPairs(gradsAndVars: readonly GradAndVar[]): GradAndVar[] {
  if (!Array.isArray(gradsAndVars)) throw new TypeError(`applyGradients expects a list of [grad, variable] pairs, got ${String(gradsAndVars)}`);
  if (gradsAndVars.length === 0) throw new ValueError('No variables provided.');
  return gradsAndVars.map((pair) => {
    if (!Array.isArray(pair) || pair.length !== 2) throw new TypeError(`applyGradients expects [grad, variable] pairs, got ${String(pair)}`);
    const [g, v] = pair;
    if (g !== null && !(g instanceof Tensor)) throw new TypeError(`Gradient must be convertible to a Tensor or IndexedSlices, or None: ${String(g)}`);
    if (!(v instanceof VariableImpl)) throw new TypeError(`applyGradients: the second element of each pair must be a tf.Variable, got ${String(v)}`);
    return [g, v];
  });
}

/** Python's repr of a list of strings containing single quotes: `["<tf.Variable 'w:0' …>"]`. */
function pyList(items: readonly string[]): string {
  return `[${items.map((s) => (s.includes("'") ? `"${s}"` : `'${s}'`)).join(', ')}]`;
}
