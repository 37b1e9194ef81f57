// tensorshell's public API: `import * as tf from 'tensorshell'`. TensorFlow 1.15 in graph mode (the
// default), TensorFlow 2 in eager mode, with TypeScript naming (camelCase, options objects).
export * from './ops/index.js';
export * from './grads/index.js';
export * as train from './train/index.js';
export { enableEagerExecution, disableEagerExecution, executingEagerly } from './engine/mode.js';
export { listDevices } from './engine/devices.js';
export { onWarning } from './engine/log.js';
export { onScalar } from './engine/summary-log.js';
export { registeredOpTypes } from './engine/registry.js';
export { getDefaultGraph, resetDefaultGraph, withGraph } from './graph/default-graph.js';
export { Graph } from './graph/graph.js';
export { Operation } from './graph/operation.js';
export { Tensor } from './graph/tensor.js';
export { onEagerOp } from './ops/apply.js';
export { onRun, type RunInfo, type SessionOptions } from './graph/session.js';
export { getDefaultSession } from './graph/default-session.js';
export { NDArray } from './tensor/ndarray.js';
export { TensorShape } from './tensor/shape.js';
export type { DType } from './tensor/dtype.js';
export { nativeInfo } from './backends/native/index.js';
export {
  ValueError, RuntimeError, NotImplementedError, AttributeError, KeyError, LookupError,
  OpError, InvalidArgumentError, FailedPreconditionError, InternalError, NotFoundError, UnimplementedError,
} from './errors.js';
export * as errors from './errors.js';


/** dtype names, as `tf.float32` in TF. */
export const float32 = 'float32' as const;
export const int32 = 'int32' as const;
export const bool = 'bool' as const;
