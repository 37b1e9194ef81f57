// The tf.nn namespace: TF 1.15's neural-network functions (conv-net ops, activations, losses, dropout).
export { conv2d, maxPool, avgPool, biasAdd } from './nn-conv.js';
export {
  softmaxCrossEntropyWithLogits, softmaxCrossEntropyWithLogitsV2, sparseSoftmaxCrossEntropyWithLogits,
  logSoftmax, l2Loss, inTopK,
} from './nn-loss.js';
export { dropout, zeroFraction } from './nn-dropout.js';
export { relu, sigmoid, tanh } from './math.js';
export { softmax } from './reduce.js';
