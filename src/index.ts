// tensorshell's public API: `import * as tf from 'tensorshell'`. TensorFlow 1.15 in graph mode (the
// default), TensorFlow 2 in eager mode, with TypeScript naming (camelCase, options objects).
export * from './ops/index.js';
export * from './grads/index.js';
export * from './ops/engine-api.js';
export * as train from './train/index.js';
export * as datasets from './data/index.js';
export * as nn from './ops/nn.js';
export { Operation } from './graph/operation.js';
export { Tensor } from './graph/tensor.js';
export type { SessionOptions } from './graph/session.js';
export type { RunInfo } from './graph/run-listeners.js';
export type { DType } from './tensor/dtype.js';
export {
  ValueError, RuntimeError, NotImplementedError, AttributeError, KeyError, LookupError,
  OpError, InvalidArgumentError, FailedPreconditionError, InternalError, NotFoundError, UnimplementedError, ResourceExhaustedError,
  DataLossError, PermissionDeniedError,
} from './errors.js';
export * as errors from './errors.js';


/** dtype names, as `tf.float32` in TF. */
export const float32 = 'float32' as const;
export const int32 = 'int32' as const;
export const bool = 'bool' as const;
