// The public functions that reach below the ops (mode, devices, listeners, the default graph and session),
// declared like every op function, so a stray argument is an error here too.
import { nativeInfo as nativeInfoImpl } from '../backends/native/index.js';
import { listDevices as listDevicesImpl } from '../engine/devices.js';
import { onWarning as onWarningImpl } from '../engine/log.js';
import * as mode from '../engine/mode.js';
import { registeredOpTypes as registeredOpTypesImpl } from '../engine/registry.js';
import { onScalar as onScalarImpl } from '../engine/summary-log.js';
import * as defaultGraph from '../graph/default-graph.js';
import { getDefaultSession as getDefaultSessionImpl } from '../graph/default-session.js';
import { Graph as GraphImpl } from '../graph/graph.js';
import { onRun as onRunImpl } from '../graph/run-listeners.js';
import { NDArray as NDArrayImpl } from '../tensor/ndarray.js';
import { TensorShape as TensorShapeImpl } from '../tensor/shape.js';
import { onEagerOp as onEagerOpImpl } from './apply.js';
import { declare, declareClass } from './declare.js';

export const enableEagerExecution: () => void = declare('enableEagerExecution(): void', 'Ops run at once and return values (TF 2 behaviour).', mode.enableEagerExecution);
export const disableEagerExecution: () => void = declare('disableEagerExecution(): void',
  'Ops are added to the default graph and run later by a Session (TF 1.15 behaviour, the default).', mode.disableEagerExecution);
export const executingEagerly: () => boolean = declare('executingEagerly(): boolean', 'True when ops run at once.', mode.executingEagerly);
export const listDevices: typeof listDevicesImpl = declare('listDevices(): string[]', "The devices ops can be placed on ('/cpu:0', '/gpu:0' when a GPU is present).", listDevicesImpl);
export const onWarning: typeof onWarningImpl = declare('onWarning(listener: function): function', "Calls `listener` with each of TF's warnings; returns the unsubscribe.", onWarningImpl);
export const onScalar: typeof onScalarImpl = declare('onScalar(listener: function): function', 'Calls `listener` with each logged summary scalar; returns the unsubscribe.', onScalarImpl);
export const onRun: typeof onRunImpl = declare('onRun(listener: function): function', 'Calls `listener` after every Session.run with the ops it evaluated; returns the unsubscribe.', onRunImpl);
export const onEagerOp: typeof onEagerOpImpl = declare('onEagerOp(listener: function): function', 'Calls `listener` with every eager op that runs; returns the unsubscribe.', onEagerOpImpl);
export const registeredOpTypes: typeof registeredOpTypesImpl = declare('registeredOpTypes(): string[]', 'Every op type in the registry.', registeredOpTypesImpl);
export const getDefaultGraph: typeof defaultGraph.getDefaultGraph = declare('getDefaultGraph(): Graph', 'The graph new ops go into.', defaultGraph.getDefaultGraph);
export const resetDefaultGraph: typeof defaultGraph.resetDefaultGraph = declare('resetDefaultGraph(): void',
  'Replaces the default graph with an empty one; sessions keep the old one.', defaultGraph.resetDefaultGraph);
export const withGraph: typeof defaultGraph.withGraph = declare('withGraph(graph: Graph, fn: function): unknown',
  "Runs `fn` with `graph` as the default graph (TF's `with g.as_default():`).", defaultGraph.withGraph);
export const getDefaultSession: typeof getDefaultSessionImpl = declare('getDefaultSession(): Session',
  'The session `t.eval()` and `op.run()` use (an InteractiveSession, or inside sess.asDefault), or null.', getDefaultSessionImpl);
export const nativeInfo: typeof nativeInfoImpl = declare('nativeInfo(): object', 'What the native addon reports: its kernels, threads, memory tuning and GPU.', nativeInfoImpl);

export const Graph = declareClass('Graph(): Graph', 'A new, empty graph: `const g = tf.Graph(); tf.withGraph(g, () => …)`.', GraphImpl);
export type Graph = GraphImpl;
export const NDArray = declareClass('NDArray(data: unknown, shape: int[], dtype: DType): NDArray',
  'A value: a typed array, its shape and dtype (what Session.run and .numpy() return).', NDArrayImpl);
export type NDArray = NDArrayImpl;
export const TensorShape = declareClass('TensorShape(dims: Shape | null): TensorShape',
  'A static shape: `tf.TensorShape([null, 784])` prints as (?, 784).', TensorShapeImpl);
export type TensorShape = TensorShapeImpl;
