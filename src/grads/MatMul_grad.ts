// d(A·B): grad·Bᵀ and Aᵀ·grad, with the transpose flags folded into the MatMul ops (`MatMul`, `MatMul_1`).
import type { Tensor } from '../graph/tensor.js';
import { matmul } from '../ops/math.js';
import { wanted } from './helpers.js';
import { registerGradient } from './registry.js';

registerGradient('MatMul', (op, grad) => {
  const ta = op.getAttr('transpose_a') === true;
  const tb = op.getAttr('transpose_b') === true;
  const [a, b] = op.inputs;
  const mm = (i: number, x: Tensor, y: Tensor, transposeA: boolean, transposeB: boolean) =>
    (wanted(op, i) ? matmul(x, y, { transposeA, transposeB }) : null);
  if (!ta && !tb) return [mm(0, grad, b, false, true), mm(1, a, grad, true, false)];
  if (!ta && tb) return [mm(0, grad, b, false, false), mm(1, grad, a, true, false)];
  if (ta && !tb) return [mm(0, b, grad, false, true), mm(1, a, grad, false, false)];
  return [mm(0, b, grad, true, true), mm(1, grad, a, true, true)];
});
