// Devices and placement: which backend runs an op, given where the user asked it to run.
import { InvalidArgumentError, ValueError } from '../errors.js';
import type { Backend } from '../backends/backend.js';
import { cpuBackend, gpuBackend, gpuCount } from '../backends/native/index.js';
import { warn } from './log.js';

export interface DeviceSpec {
  type: 'CPU' | 'GPU';
  index: number;
}

/** Parses '/cpu:0', '/gpu:1', '/device:GPU:0', '/job:localhost/replica:0/task:0/device:CPU:0', 'GPU:0'. */
export function parseDevice(spec: string): DeviceSpec | null {
  if (spec === '') return null;
  const m = /(?:^|\/)(?:device:)?(cpu|gpu):(\d+)$/i.exec(spec) ?? /^\/?(cpu|gpu)$/i.exec(spec);
  if (!m) throw new ValueError(`Unsupported device specification '${spec}': use '/cpu:0' or '/gpu:N'.`);
  return { type: m[1].toUpperCase() as 'CPU' | 'GPU', index: m[2] === undefined ? 0 : Number(m[2]) };
}

/** TF's canonical form, as NodeDef shows it: '/device:GPU:0'. */
export function canonicalDevice(spec: string): string {
  const d = parseDevice(spec);
  return d === null ? '' : `/device:${d.type}:${d.index}`;
}

/** The devices this machine has: '/cpu:0' and one '/gpu:N' per usable GPU. */
export function listDevices(): string[] {
  const out = ['/cpu:0'];
  for (let i = 0; i < gpuCount(); i++) out.push(`/gpu:${i}`);
  return out;
}

function availableDevicesText(): string {
  return listDevices()
    .map((d) => `/job:localhost/replica:0/task:0/device:${d.slice(1, 4).toUpperCase()}:${d.slice(5)}`)
    .join(', ');
}

/**
 * The backend for an op placed on `device` (canonical form, '' for no preference). Without the GPU,
 * soft placement falls back to the CPU and says so; otherwise it is TF's InvalidArgumentError.
 */
export function backendFor(device: string, opName: string, allowSoftPlacement: boolean, cpuOnly = false): Backend {
  if (device === '') return cpuBackend;
  const d = parseDevice(device);
  if (d === null || d.type === 'CPU') return cpuBackend;
  if (d.index < gpuCount() && !cpuOnly) return gpuBackend(d.index);
  if (d.index < gpuCount()) {
    if (allowSoftPlacement) {
      warn(`Op '${opName}' has no GPU kernel; it runs on /device:CPU:0 instead of ${device} (soft placement).`);
      return cpuBackend;
    }
    throw new InvalidArgumentError(
      `Cannot assign a device for operation ${opName}: Could not satisfy explicit device specification '${device}' ` +
        'because no supported kernel for GPU devices is available.',
      opName,
    );
  }
  if (allowSoftPlacement) {
    warn(`Device ${device} is not available; op '${opName}' runs on /device:CPU:0 instead (soft placement).`);
    return cpuBackend;
  }
  throw new InvalidArgumentError(
    `Cannot assign a device for operation ${opName}: Operation was explicitly assigned to ${device} but available ` +
      `devices are [ ${availableDevicesText()} ]. Make sure the device specification refers to a valid device.`,
    opName,
  );
}

const eagerDevices: string[] = [];

/** The device eager ops run on now (canonical form, '' for the default). */
export function currentEagerDevice(): string {
  return eagerDevices.length ? eagerDevices[eagerDevices.length - 1] : '';
}

export function withEagerDevice<T>(device: string, fn: () => T): T {
  eagerDevices.push(device);
  try {
    return fn();
  } finally {
    eagerDevices.pop();
  }
}
