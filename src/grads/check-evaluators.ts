// The two schedules of the gradient check: a graph built once in a fresh Graph (so the user's default
// graph never grows) and run by one Session with feeds, or eager calls with a GradientTape.
import { jsTypeName } from '../js-type-name.js';
import { withGraph } from '../graph/default-graph.js';
import { Graph } from '../graph/graph.js';
import { SessionImpl } from '../graph/session.js';
import { Tensor } from '../graph/tensor.js';
import { constant, placeholder } from '../ops/creation.js';
import { globalVariables, globalVariablesInitializer } from '../ops/graph-api.js';
import { NDArray } from '../tensor/ndarray.js';
import { gradients } from './gradients.js';
import { GradientTapeImpl } from './tape.js';

export type Fn = (...xs: Tensor[]) => Tensor;

/** f's value at given inputs, and the analytic gradients of sum(f · dy) there (null: f ignores that x). */
export interface Evaluator {
  value(xs: readonly NDArray[]): NDArray;
  gradients(xs: readonly NDArray[], dy: NDArray): Array<NDArray | null>;
}

export function checkOutput(y: unknown): Tensor {
  if (!(y instanceof Tensor)) throw new TypeError(`computeGradient: f must return a Tensor, got ${jsTypeName(y)}.`);
  if (y.dtype !== 'float32') {
    throw new TypeError(`computeGradient: f returned ${y.toString()}; gradients are defined for float32 only, so return a float32 tensor (tf.cast(y, 'float32')).`);
  }
  return y;
}

export function graphEvaluator(f: Fn, xs: readonly NDArray[]): Evaluator {
  const graph = new Graph();
  const sess = new SessionImpl({ graph });
  const { inputs, y } = withGraph(graph, () => {
    const placeholders = xs.map((x, i) => placeholder('float32', { shape: x.shape, name: `x_${i}` }));
    const out = checkOutput(f(...placeholders));
    if (globalVariables().length > 0) sess.run(globalVariablesInitializer());
    return { inputs: placeholders, y: out };
  });
  const feeds = (values: readonly NDArray[]) => new Map<Tensor, NDArray>(inputs.map((t, i) => [t, values[i]]));
  return {
    value: (values) => sess.run(y, feeds(values)) as NDArray,
    // dy is a Const, not a fed placeholder: gradients like Exp's take a control edge from it, and the
    // executor still runs a fed Placeholder reached only by a control edge (TF rewires such an edge).
    gradients: (values, dy) => {
      const grads = withGraph(graph, () => gradients(y, inputs, { gradYs: constant(dy, { name: 'dy' }) }));
      const fetches = grads.filter((g): g is Tensor => g !== null);
      const out = fetches.length === 0 ? [] : sess.run(fetches, feeds(values)) as NDArray[];
      let k = 0;
      return grads.map((g) => (g === null ? null : out[k++]));
    },
  };
}

export function eagerEvaluator(f: Fn): Evaluator {
  // Fresh copies, so nothing f or a kernel keeps can alias the buffer the differences perturb.
  const eager = (x: NDArray) => Tensor.eager(new NDArray(Float32Array.from(x.data), x.shape, 'float32'));
  return {
    value: (values) => checkOutput(f(...values.map(eager))).numpy(),
    gradients: (values, dy) => {
      const inputs = values.map(eager);
      const tape = new GradientTapeImpl();
      tape.watch(inputs);
      const y = tape.record(() => checkOutput(f(...inputs)));
      const grads = tape.gradient(y, inputs, { outputGradients: Tensor.eager(dy) }) as Array<Tensor | null>;
      return grads.map((g) => g?.numpy() ?? null);
    },
  };
}
