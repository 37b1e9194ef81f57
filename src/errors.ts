// TensorFlow's error classes, so messages read as they do in TF 1.15 / TF 2.
// JS already has TypeError and RangeError; Python's ValueError, RuntimeError, … are defined here.

/** Python's ValueError: a value has the right type but a wrong shape or content. */
export class ValueError extends Error {
  override name = 'ValueError';
}

/** Python's RuntimeError, e.g. using a closed Session. */
export class RuntimeError extends Error {
  override name = 'RuntimeError';
}

/** Python's NotImplementedError. */
export class NotImplementedError extends Error {
  override name = 'NotImplementedError';
}

/** Python's AttributeError, e.g. `Tensor.op` in eager mode. */
export class AttributeError extends Error {
  override name = 'AttributeError';
}

/** Python's KeyError, e.g. a graph element name that does not exist. */
export class KeyError extends Error {
  override name = 'KeyError';
}

/** Python's LookupError, e.g. asking for the gradient of an op that has none. */
export class LookupError extends Error {
  override name = 'LookupError';
}

/** Base of the runtime errors raised while running ops (tf.errors.OpError). */
export class OpError extends Error {
  override name = 'OpError';
  /** The name of the op that failed, when known. */
  readonly opName: string | null;
  constructor(message: string, opName: string | null = null) {
    super(message);
    this.opName = opName;
  }
}

/** An op received an invalid argument: bad shapes, a missing feed, division by zero. */
export class InvalidArgumentError extends OpError {
  override name = 'InvalidArgumentError';
}

/** The system is not in a state to run the op, e.g. an uninitialized variable. */
export class FailedPreconditionError extends OpError {
  override name = 'FailedPreconditionError';
}

/** Something that should never happen happened inside tensorshell. */
export class InternalError extends OpError {
  override name = 'InternalError';
}

/** The requested entity (a device, a kernel) was not found. */
export class NotFoundError extends OpError {
  override name = 'NotFoundError';
}

/** Memory or another resource ran out: a tensor too large to allocate (TF's OOM). */
export class ResourceExhaustedError extends OpError {
  override name = 'ResourceExhaustedError';
}

/** The op is not implemented for these inputs or this device. */
export class UnimplementedError extends OpError {
  override name = 'UnimplementedError';
}

/** Unrecoverable data loss or corruption: a record or table file whose length, checksum or layout is wrong. */
export class DataLossError extends OpError {
  override name = 'DataLossError';
}

/** The caller may not do this to the file or directory (TF's PermissionDeniedError). */
export class PermissionDeniedError extends OpError {
  override name = 'PermissionDeniedError';
}
