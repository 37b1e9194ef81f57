// ZeroOut keeps one element and zeroes the rest, so it is linear: its gradient is ZeroOut of the upstream
// gradient with the same preserve_index (the "add a new op" lesson's gradient, one op instead of TF
// guide's sparse_to_dense construction).
import type { Tensor } from '../graph/tensor.js';
import { zeroOut } from '../ops/zero-out.js';
import { registerGradient } from './registry.js';

registerGradient('ZeroOut', (op, grad: Tensor) => [zeroOut(grad, { preserveIndex: op.getAttr('preserve_index') as number })]);
