// tf.test: the numeric gradient checks, declared like every public function.
import { declare } from '../ops/declare.js';
import * as check from './check.js';

export type { GradientCheck, GradientCheckOptions } from './check.js';

export const computeGradient: typeof check.computeGradient = declare(
  'test.computeGradient(f: function, xs: Array, { delta?: number, seed?: int }): Array',
  "Analytic and numeric gradients of sum(f(...xs) · dy) for each x, both ways (TF's tf.test.compute_gradient).", check.computeGradient);

export const computeGradientError: typeof check.computeGradientError = declare(
  'test.computeGradientError(f: function, xs: Array, { delta?: number, seed?: int }): number',
  'The largest difference between the analytic and numeric gradients: `tf.test.computeGradientError((x) => tf.tanh(x), [[0.5, -1]])`.',
  check.computeGradientError);
