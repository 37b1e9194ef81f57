// The primitive kernel set every device implements, on NDArrays. Ops are written against this interface
// once; the CPU and GPU backends differ only in which native KernelSet they call.
import type { NDArray } from '../tensor/ndarray.js';
import type { DType } from '../tensor/dtype.js';

/**
 * The geometry of a 2-D convolution or pooling window over NHWC data, worked out by the op (TF's
 * GetWindowedOutputSize: output sizes and the top/left padding; any extra padding goes bottom/right).
 * A pooling window has outC == inC; conv filters are HWIO [kH, kW, inC, outC].
 */
export interface Window2D {
  batch: number;
  inH: number;
  inW: number;
  inC: number;
  kH: number;
  kW: number;
  outH: number;
  outW: number;
  outC: number;
  strideH: number;
  strideW: number;
  dilationH: number;
  dilationW: number;
  padTop: number;
  padLeft: number;
}

export interface Backend {
  /** 'CPU' or 'GPU'. */
  readonly deviceType: string;
  /** numpy-broadcasting binary op; comparisons return bool. Throws InvalidArgumentError on incompatible shapes. */
  binary(op: number, a: NDArray, b: NDArray): NDArray;
  unary(op: number, x: NDArray): NDArray;
  /** Reduces over `axes` (normalised, ascending, unique). */
  reduce(op: number, x: NDArray, axes: readonly number[], keepDims: boolean): NDArray;
  argReduce(op: number, x: NDArray, axis: number): NDArray;
  /** Rank-2 matmul; throws InvalidArgumentError when inner dimensions differ. */
  matmul(a: NDArray, b: NDArray, transA: boolean, transB: boolean): NDArray;
  transpose(x: NDArray, perm: readonly number[]): NDArray;
  cast(x: NDArray, dtype: DType): NDArray;
  random(kind: number, shape: readonly number[], seed: number, stream: number, counter: number): NDArray;
  zeroOut(x: NDArray, index: number): NDArray;

  // Conv-net kernels (float32, NHWC). The CPU backend has them; a GPU backend may not (`undefined`):
  // ops then run on the CPU through soft placement.
  /** x [N,inH,inW,inC] * filter [kH,kW,inC,outC] → [N,outH,outW,outC]. */
  conv2d?(x: NDArray, filter: NDArray, w: Window2D): NDArray;
  /** The gradient with respect to the input: filter and dy [N,outH,outW,outC] → [N,inH,inW,inC]. */
  conv2dBackpropInput?(filter: NDArray, dy: NDArray, w: Window2D): NDArray;
  /** The gradient with respect to the filter: x and dy → [kH,kW,inC,outC]. */
  conv2dBackpropFilter?(x: NDArray, dy: NDArray, w: Window2D): NDArray;
  /** Max over each window (padding never wins) → [N,outH,outW,C]. */
  maxPool?(x: NDArray, w: Window2D): NDArray;
  /** dy routed to the first maximum of each window (row-major scan), summed where windows overlap → x's shape. */
  maxPoolGrad?(x: NDArray, dy: NDArray, w: Window2D): NDArray;
  /** Mean over each window's in-bounds elements (padding is not counted, as TF) → [N,outH,outW,C]. */
  avgPool?(x: NDArray, w: Window2D): NDArray;
  /** Each dy spread evenly over its window's in-bounds elements → [N,inH,inW,C]. */
  avgPoolGrad?(dy: NDArray, w: Window2D): NDArray;
  /**
   * Fused, numerically stable softmax cross-entropy of logits and labels [batch, classes]:
   * loss[b] = -sum_c labels[b,c] * log_softmax(logits)[b,c], backprop = softmax(logits) - labels.
   */
  softmaxCrossEntropy?(logits: NDArray, labels: NDArray): [NDArray, NDArray];

  // One-pass optimizer updates (CPU): results bit-identical to composing them from binary/unary kernels.
  // `into` may give, for each result, an array of w's size and dtype that is no input, to be overwritten
  // instead of allocating one (a Session's recycled variable buffers: session-state.ts).
  /** w - delta * alpha. */
  applyGradientDescent?(w: NDArray, delta: NDArray, alpha: number, into?: ReadonlyArray<NDArray | undefined>): NDArray;
  /** [w', accum']. */
  applyMomentum?(w: NDArray, accum: NDArray, grad: NDArray, lr: number, momentum: number, nesterov: boolean,
    into?: ReadonlyArray<NDArray | undefined>): [NDArray, NDArray];
  /** [w', m', v'] for Adam with lrT = lr·√(1 − beta2_power)/(1 − beta1_power) worked out by the caller. */
  applyAdam?(w: NDArray, m: NDArray, v: NDArray, grad: NDArray, s: AdamScalars,
    into?: ReadonlyArray<NDArray | undefined>): [NDArray, NDArray, NDArray];
}

export interface AdamScalars {
  lrT: number;
  beta1: number;
  oneMinusBeta1: number;
  oneMinusBeta2: number;
  epsilon: number;
  nesterov: boolean;
}
