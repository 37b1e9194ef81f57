// Registers every op definition (import for side effects) and re-exports the public op functions.
import './defs/math-defs.js';
import './defs/reduce-defs.js';
import './defs/range-defs.js';
import './defs/array-defs.js';
import './defs/state-defs.js';
import './defs/random-defs.js';
import './defs/support-defs.js';
import './defs/tile-select-defs.js';
import './defs/cwise-grad-defs.js';
import './defs/training-defs.js';
import './defs/summary-defs.js';

export * from './math.js';
export * from './creation.js';
export * from './random.js';
export { range, rank } from './range.js';
export * from './array.js';
export * from './state.js';
export { Variable, GLOBAL_VARIABLES, TRAINABLE_VARIABLES, type VariableOptions } from './variable.js';
export * from './graph-api.js';
export * from './support.js';
export * from './custom-op.js';
export * from './zero-out.js';
export * as ops from './operators.js';
export { Session, InteractiveSession } from './graph-methods.js';
export * as summary from './summary.js';
