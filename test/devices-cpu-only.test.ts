// Ops without a GPU kernel (Conv2D, the pools, the cross-entropies, the fused optimizer updates' ops are
// `cpuOnly`) on a machine that has a GPU: soft placement runs them on the CPU and warns, strict placement is
// TF's "no supported kernel" error. The GPU is faked here (no machine in CI has one).
import { describe, expect, it, vi } from 'vitest';

vi.mock('../src/backends/native/index.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../src/backends/native/index.js')>();
  return { ...real, gpuCount: () => 1, gpuBackend: () => ({ ...real.cpuBackend, deviceType: 'GPU', conv2d: undefined }) };
});

const { backendFor } = await import('../src/engine/devices.js');
const { onWarning } = await import('../src/engine/log.js');
const { cpuBackend } = await import('../src/backends/native/index.js');
const { getOpDef } = await import('../src/engine/registry.js');
await import('../src/ops/index.js');

describe('cpuOnly ops on a GPU machine', () => {
  it('the conv-net ops are cpuOnly, the elementwise ones are not', () => {
    for (const t of ['Conv2D', 'Conv2DBackpropInput', 'Conv2DBackpropFilter', 'MaxPool', 'MaxPoolGrad', 'AvgPool', 'AvgPoolGrad', 'SoftmaxCrossEntropyWithLogits', 'SparseSoftmaxCrossEntropyWithLogits']) {
      expect(getOpDef(t).cpuOnly, t).toBe(true);
    }
    expect(getOpDef('Mul').cpuOnly).toBeUndefined();
  });

  it('soft placement moves them to the CPU with a warning; other ops stay on the GPU', () => {
    const warnings: string[] = [];
    const off = onWarning((m) => warnings.push(m));
    try {
      expect(backendFor('/device:GPU:0', 'conv1/Conv2D', true, true)).toBe(cpuBackend);
      expect(backendFor('/device:GPU:0', 'mul', true, false).deviceType).toBe('GPU');
    } finally {
      off();
    }
    expect(warnings).toEqual(["Op 'conv1/Conv2D' has no GPU kernel; it runs on /device:CPU:0 instead of /device:GPU:0 (soft placement)."]);
  });

  it('strict placement is TF\'s InvalidArgumentError', () => {
    expect(() => backendFor('/device:GPU:0', 'Conv2D', false, true)).toThrow(
      "Cannot assign a device for operation Conv2D: Could not satisfy explicit device specification '/device:GPU:0' because no supported kernel for GPU devices is available.");
  });
});
