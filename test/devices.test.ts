// Device placement: /cpu:0 always, /gpu:N when the addon has CUDA and a GPU; soft placement otherwise.
import { afterEach, describe, expect, it } from 'vitest';
import * as tf from '../src/index.js';
import { setMode } from './helpers.js';

afterEach(() => tf.disableEagerExecution());

const gpus = tf.listDevices().filter((d) => d.startsWith('/gpu:')).length;

describe('devices', () => {
  it('lists /cpu:0 first and one /gpu:N per usable GPU', () => {
    const devices = tf.listDevices();
    expect(devices[0]).toBe('/cpu:0');
    expect(devices.slice(1)).toEqual(Array.from({ length: gpus }, (_, i) => `/gpu:${i}`));
  });

  it('records the device in the op and its NodeDef', () => {
    setMode('graph');
    const m = tf.device('/gpu:0', () => tf.matmul(tf.constant([[1, 2]]), tf.constant([[3], [4]])));
    expect(m.op.device).toBe('/device:GPU:0');
    expect(String(m.op.nodeDef)).toContain('device: "/device:GPU:0"');
    expect(String(m)).toBe('Tensor("MatMul:0", shape=(1, 1), dtype=float32, device=/device:GPU:0)');
  });

  it.skipIf(gpus > 0)('without a GPU: an InvalidArgumentError naming the op, unless soft placement moves it', () => {
    setMode('graph');
    const m = tf.device('/gpu:0', () => tf.matmul(tf.constant([[1, 2]]), tf.constant([[3], [4]])));
    expect(() => tf.Session().run(m)).toThrow(tf.InvalidArgumentError);
    expect(() => tf.Session().run(m)).toThrow(
      'Cannot assign a device for operation MatMul: Operation was explicitly assigned to /device:GPU:0 but available devices are [ /job:localhost/replica:0/task:0/device:CPU:0 ].');
    const warnings: string[] = [];
    const off = tf.onWarning((w) => warnings.push(w));
    const sess = tf.Session({ allowSoftPlacement: true });
    expect(String(sess.run(m))).toBe('[[11.]]');
    off();
    expect(warnings).toEqual(["Device /device:GPU:0 is not available; op 'MatMul' runs on /device:CPU:0 instead (soft placement)."]);
  });

  it.skipIf(gpus > 0)('eager mode places softly, as TF 2 does', () => {
    setMode('eager');
    const off = tf.onWarning(() => undefined);
    const v = tf.device('/gpu:0', () => tf.add(tf.constant([1, 2]), 1));
    off();
    expect(v.numpy().toArray()).toEqual([2, 3]);
  });

  it.skipIf(gpus === 0)('with a GPU: the same graph gives the same values on /gpu:0 and /cpu:0', () => {
    setMode('graph');
    const a = tf.randomNormal([64, 48], { seed: 1 });
    const b = tf.randomNormal([48, 32], { seed: 2 });
    const build = () => tf.reduceSum(tf.sigmoid(tf.matmul(a, b)), { axis: 1 });
    const cpu = tf.device('/cpu:0', build);
    const gpu = tf.device('/gpu:0', build);
    const [x, y] = tf.Session().run([cpu, gpu]) as tf.NDArray[];
    Array.from(x.data).forEach((v, i) => expect(y.data[i]).toBeCloseTo(v, 3));
  });

  it('rejects a malformed device string', () => {
    setMode('graph');
    expect(() => tf.device('/tpu:0', () => 0)).toThrow("Unsupported device specification '/tpu:0'");
  });
});
