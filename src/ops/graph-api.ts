// Graph-level helpers of the public API: name scopes, devices, variable collections, the `init` op.
import { warn } from '../engine/log.js';
import { canonicalDevice, withEagerDevice } from '../engine/devices.js';
import { executingEagerly } from '../engine/mode.js';
import { getDefaultGraph } from '../graph/default-graph.js';
import type { Operation } from '../graph/operation.js';
import { applyGraphOp } from './apply.js';
import { declare } from './declare.js';
import { GLOBAL_VARIABLES, TRAINABLE_VARIABLES, type Variable } from './variable.js';

export const nameScope: <T>(name: string, fn: (scope: string) => T) => T = declare(
  'nameScope(name: string, fn: function): unknown',
  "Runs `fn` inside name scope `name`: ops get names like `layer/MatMul` (a repeated scope becomes `layer_1`); `fn` gets 'layer/'.",
  (name: string, fn: (scope: string) => unknown) => getDefaultGraph().nameScope(name, fn));

export const device: <T>(spec: string, fn: () => T) => T = declare(
  'device(spec: string, fn: function): unknown',
  "Runs `fn` with its ops placed on `spec` ('/cpu:0', '/gpu:0'), in either mode.",
  (spec: string, fn: () => unknown) => {
    const d = canonicalDevice(spec);
    return executingEagerly() ? withEagerDevice(d, fn) : getDefaultGraph().withDevice(d, fn);
  });

export const globalVariables: () => Variable[] = declare(
  'globalVariables(): Variable[]',
  'Every variable of the default graph, in creation order (the `variables` collection).',
  () => getDefaultGraph().getCollection<Variable>(GLOBAL_VARIABLES));

export const trainableVariables: () => Variable[] = declare(
  'trainableVariables(): Variable[]',
  'The variables optimizers train by default (the `trainable_variables` collection).',
  () => getDefaultGraph().getCollection<Variable>(TRAINABLE_VARIABLES));

export const variablesInitializer: (varList: readonly Variable[], name?: string | { name?: string }) => Operation = declare(
  'variablesInitializer(varList: Variable[], name?: string): Operation',
  "A NoOp named `init` whose control inputs are the given variables' initializers.",
  (varList: readonly Variable[], o: { name?: string }) =>
    applyGraphOp('NoOp', [], {}, { name: o.name ?? 'init', controlInputs: varList.map((v) => v.initializer) }));

export const globalVariablesInitializer: () => Operation = declare(
  'globalVariablesInitializer(): Operation',
  'The op that initializes every variable: a NoOp named `init` (`sess.run(tf.globalVariablesInitializer())`).',
  () => variablesInitializer(globalVariables()));

export const initializeAllVariables: () => Operation = declare(
  'initializeAllVariables(): Operation',
  'Deprecated: use tf.globalVariablesInitializer() (TF deprecated it on 2017-03-02).',
  () => {
    warn('initializeAllVariables (from tensorflow.python.ops.variables) is deprecated and will be removed after 2017-03-02.\nInstructions for updating:\nUse `tf.global_variables_initializer` instead.');
    return globalVariablesInitializer();
  });
