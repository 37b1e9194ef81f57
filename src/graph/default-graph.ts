// The default graph that graph-mode ops are added to.
import { resetScalarSteps } from '../engine/summary-log.js';
import { Graph } from './graph.js';

let current = new Graph();
const stack: Graph[] = [];

/** The graph new ops go into (`tf.getDefaultGraph()`). */
export function getDefaultGraph(): Graph {
  return stack.length ? stack[stack.length - 1] : current;
}

/** Replaces the global default graph with an empty one (`tf.resetDefaultGraph()`); sessions keep the old one. */
export function resetDefaultGraph(): void {
  if (stack.length) throw new Error('Do not use tf.resetDefaultGraph() to clear nested graphs (inside withGraph).');
  current = new Graph();
  // A fresh graph starts its charts again: summary steps count from 0.
  resetScalarSteps();
}

/** Runs `fn` with `graph` as the default graph (TF's `with g.as_default():`). */
export function withGraph<T>(graph: Graph, fn: () => T): T {
  stack.push(graph);
  try {
    return fn();
  } finally {
    stack.pop();
  }
}
