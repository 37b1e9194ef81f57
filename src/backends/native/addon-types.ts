// The shape of the native addon (build/Release/tensorshell.node), exactly as native/binding.cc exports it.
// Every function checks every argument and throws TypeError/RangeError rather than crash.

/** The typed arrays a kernel accepts: float32, int32, and bool (0/1 bytes). */
export type KernelArray = Float32Array | Int32Array | Uint8Array;

export interface KernelSet {
  /** out[i] = op(a[i or 0], b[i or 0]); a and b share a type; lengths equal out.length or 1. Comparisons write Uint8Array. */
  binary(op: number, a: KernelArray, b: KernelArray, out: KernelArray): void;
  /** General broadcasting: rank = outShape.length (<= 8), strides in elements (0 on broadcast axes). */
  binaryBroadcast(op: number, a: KernelArray, b: KernelArray, out: KernelArray,
    outShape: Int32Array, aStrides: Int32Array, bStrides: Int32Array): void;
  /** out[i] = op(x[i]); out has x's type (LogicalNot: Uint8Array in and out). */
  unary(op: number, x: KernelArray, out: KernelArray): void;
  /** x viewed as [outer, mid, inner], reduced over mid into out [outer, inner]. */
  reduce(op: number, x: KernelArray, out: KernelArray, outer: number, mid: number, inner: number): void;
  /** Like reduce, writing the index (0..mid-1) of the first max/min; mid must be >= 1. */
  argReduce(op: number, x: KernelArray, out: Int32Array, outer: number, mid: number, inner: number): void;
  /** out[m,n] = sum_k A[m,k] * B[k,n]; A stored [k,m] when transA, B stored [n,k] when transB. f32 or i32. */
  matmul(a: KernelArray, b: KernelArray, out: KernelArray, m: number, n: number, k: number,
    transA: boolean, transB: boolean): void;
  /** out = x permuted: out.shape[i] = shape[perm[i]]. */
  transpose(x: KernelArray, out: KernelArray, shape: Int32Array, perm: Int32Array): void;
  /** Element conversion between the three types: float->int truncates toward zero, ->bool is x != 0. */
  cast(x: KernelArray, out: KernelArray): void;
  /** Counter-based (Philox4x32-10) random numbers: the same (seed, stream, counter) gives the same values. */
  random(kind: number, out: Float32Array, seed: number, stream: number, counter: number): void;
  /** ZeroOut (the custom-op example): out = 0 except out[index] = x[index]. f32 or i32. */
  zeroOut(x: KernelArray, out: KernelArray, index: number): void;
}

/**
 * The conv-net kernels (float32, NHWC), CPU only. `dims` is an Int32Array of the 15 Window2D fields in
 * backend.ts's order (batch, inH, inW, inC, kH, kW, outH, outW, outC, strideH, strideW, dilationH,
 * dilationW, padTop, padLeft); every array's length must match it. Outputs are overwritten.
 */
export interface NnKernels {
  /** out [N,outH,outW,outC] = x [N,inH,inW,inC] conv filter [kH,kW,inC,outC] (HWIO), zero padding. */
  conv2d(x: Float32Array, filter: Float32Array, out: Float32Array, dims: Int32Array): void;
  /** out [N,inH,inW,inC] = the gradient of conv2d in x, from dy [N,outH,outW,outC]. */
  conv2dBackpropInput(filter: Float32Array, dy: Float32Array, out: Float32Array, dims: Int32Array): void;
  /** out [kH,kW,inC,outC] = the gradient of conv2d in the filter. */
  conv2dBackpropFilter(x: Float32Array, dy: Float32Array, out: Float32Array, dims: Int32Array): void;
  /** Max over each window's in-bounds elements (a NaN wins). Pools need dilations 1 and outC == inC. */
  maxPool(x: Float32Array, out: Float32Array, dims: Int32Array): void;
  /** out (x's shape): each dy added at its window's first maximum in row-major scan order (first NaN if any). */
  maxPoolGrad(x: Float32Array, dy: Float32Array, out: Float32Array, dims: Int32Array): void;
  /** Mean over each window's in-bounds elements. */
  avgPool(x: Float32Array, out: Float32Array, dims: Int32Array): void;
  /** out [N,inH,inW,C]: each dy divided evenly among its window's in-bounds elements. */
  avgPoolGrad(dy: Float32Array, out: Float32Array, dims: Int32Array): void;
  /** Per row of [batch, classes]: loss = -sum labels * log_softmax(logits), backprop = softmax - labels. */
  softmaxCrossEntropy(logits: Float32Array, labels: Float32Array, loss: Float32Array, backprop: Float32Array,
    batch: number, classes: number): void;
}

/** The optimizer updates, one pass each, into fresh outputs of the variable's length (CPU only). */
export interface TrainKernels {
  /** out = w - delta * alpha. */
  applyGradientDescent(w: Float32Array, delta: Float32Array, out: Float32Array, alpha: number): void;
  /** accum' = accum * momentum + grad; w' = w - accum' * lr (Nesterov: w - (grad * lr + accum' * momentum * lr)). */
  applyMomentum(w: Float32Array, accum: Float32Array, grad: Float32Array, outW: Float32Array, outAccum: Float32Array,
    lr: number, momentum: number, nesterov: boolean): void;
  /** m' = m + (g - m)(1 - beta1); v' = v + (g² - v)(1 - beta2); w' = w - dir * lrT / (√v' + epsilon), dir = m' (or Nesterov's). */
  applyAdam(w: Float32Array, m: Float32Array, v: Float32Array, grad: Float32Array, outW: Float32Array, outM: Float32Array,
    outV: Float32Array, lrT: number, beta1: number, oneMinusBeta1: number, oneMinusBeta2: number, epsilon: number, nesterov: boolean): void;
}

export interface CudaInfo {
  /** True when the addon was compiled with nvcc. */
  compiled: boolean;
  /** Number of usable GPUs (0 when none, or when the driver is missing). */
  deviceCount(): number;
  /** e.g. "NVIDIA H100 80GB HBM3"; throws RangeError for a bad index. */
  deviceName(index: number): string;
  /** Why there is no GPU, e.g. "CUDA driver version is insufficient" or "not compiled with CUDA". */
  status(): string;
}

/**
 * The bench's machine limits (native/cpu/probes.cc, binding_probes.cc): not used by the engine. Each probe
 * runs plain threads started together, so a busy machine shows as a lower figure.
 */
export interface Probes {
  /** The unit fmaPeak measures: the widest this CPU has. */
  fmaUnit: 'avx512' | 'avx2-fma' | 'scalar';
  /** Best fp32 GFLOP/s of `threads` threads of independent FMA chains at once, over rounds of `roundMs` (default 20). */
  fmaPeak(threads: number, roundMs?: number): number;
  /**
   * Best GB/s of one STREAM kernel over float32 arrays of `bytesPerArray` each, split over `threads`: copy c = a
   * (2 arrays counted), add c = a + b and triad a = b + 3c (3 arrays), read: a sum over a (1 array).
   */
  bandwidth(kind: 'copy' | 'add' | 'triad' | 'read', bytesPerArray: number, threads: number): number;
  /** Microseconds from publishing a parallel region until a worker starts it; -1 without workers or after 10 ms. */
  poolWake(): number;
}

/**
 * Ctrl-C for the REPL's inputs (native/binding_sigint.cc, src/kernel/sigint.ts): a SIGINT handler that stays
 * installed, instead of vm's breakOnSigint, which swaps the handler at each script's start and end.
 */
export interface SigintControl {
  /** Installs the handler once (keep a process.on('SIGINT') listener for good first); false off the main thread. */
  install(): boolean;
  /** An input starts: a signal from now on stops it. Returns the token for run(). */
  prepare(): number;
  /** The input's synchronous part is over: a signal goes to the process.on('SIGINT') listeners again. */
  idle(): void;
  /** script(), unless a signal came since prepare(); one while it runs stops it (ERR_SCRIPT_EXECUTION_INTERRUPTED). */
  run<T>(token: number, script: () => T): T;
  /** Signals counted for inputs so far. */
  signals(): number;
}

export interface NativeAddon extends KernelSet, NnKernels, TrainKernels {
  /**
   * The float GEMM in use, chosen at load: 'avx512' on a CPU with AVX-512 F/BW/VL/DQ (any x86-64 build),
   * else 'avx2' in an AVX2+FMA build, else 'portable'. TENSORSHELL_KERNELS=avx512|avx2|portable asks for
   * a narrower one; a request this build or CPU cannot honour adds a note, e.g.
   * 'portable (TENSORSHELL_KERNELS=avx2: not available here)'.
   */
  simd: string;
  /** Worker threads the CPU kernels use (including the caller). */
  threads: number;
  /** What the addon changed of the process's memory handling at load (native/README.md), or that it left it alone. */
  allocation: string;
  cuda: CudaInfo;
  probes: Probes;
  sigint: SigintControl;
  /** The same kernels on GPU `device` (host arrays in and out; copies happen inside). Present only when compiled with CUDA. */
  gpu?: KernelSet & { setDevice(index: number): void };
}
