// Graph-level helpers of the public API: name scopes, devices, variable collections, the `init` op.
import { warn } from '../engine/log.js';
import { canonicalDevice, withEagerDevice } from '../engine/devices.js';
import { executingEagerly } from '../engine/mode.js';
import { getDefaultGraph } from '../graph/default-graph.js';
import type { Operation } from '../graph/operation.js';
import { applyGraphOp } from './apply.js';
import { GLOBAL_VARIABLES, TRAINABLE_VARIABLES, type Variable } from './variable.js';

/**
 * Runs `fn` inside name scope `name`: ops get names like `layer/MatMul`; a repeated scope becomes
 * `layer_1`. `fn` receives the scope string ('layer/'). Returns what `fn` returns.
 */
export function nameScope<T>(name: string, fn: (scope: string) => T): T {
  return getDefaultGraph().nameScope(name, fn);
}

/** Runs `fn` with its ops placed on `device` ('/cpu:0', '/gpu:0'), in either mode. */
export function device<T>(spec: string, fn: () => T): T {
  const d = canonicalDevice(spec);
  return executingEagerly() ? withEagerDevice(d, fn) : getDefaultGraph().withDevice(d, fn);
}

/** Every variable of the default graph, in creation order (the `variables` collection). */
export function globalVariables(): Variable[] {
  return getDefaultGraph().getCollection<Variable>(GLOBAL_VARIABLES);
}

/** The variables optimizers train by default (the `trainable_variables` collection). */
export function trainableVariables(): Variable[] {
  return getDefaultGraph().getCollection<Variable>(TRAINABLE_VARIABLES);
}

/** A NoOp named `init` whose control inputs are the given variables' initializers. */
export function variablesInitializer(varList: readonly Variable[], options: { name?: string } = {}): Operation {
  return applyGraphOp('NoOp', [], {}, { name: options.name ?? 'init', controlInputs: varList.map((v) => v.initializer) });
}

/** The op that initializes every variable: a NoOp named `init` (`sess.run(tf.globalVariablesInitializer())`). */
export function globalVariablesInitializer(): Operation {
  return variablesInitializer(globalVariables());
}

/** @deprecated Use `tf.globalVariablesInitializer()` (TF deprecated it on 2017-03-02). */
export function initializeAllVariables(): Operation {
  warn('initializeAllVariables (from tensorflow.python.ops.variables) is deprecated and will be removed after 2017-03-02.\nInstructions for updating:\nUse `tf.global_variables_initializer` instead.');
  return globalVariablesInitializer();
}
