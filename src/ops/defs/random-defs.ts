// Random ops. Counter-based (Philox): an op's seed fixes the stream, and every run advances the counter,
// so repeated runs give new numbers while a seeded program stays reproducible.
import { attrValue } from '../../engine/attrs.js';
import { registerOpDef, type OpDef } from '../../engine/registry.js';
import { InvalidArgumentError } from '../../errors.js';
import { RandomKind } from '../../backends/native/opcodes.js';
import { sizeOf } from '../../tensor/shape.js';
import { ints, spec, val } from './helpers.js';

// Eager counters per (seed, seed2): a seeded op restarts its sequence after tf.setRandomSeed, like TF 2.
const eagerCounters = new Map<string, number>();

function randomDef(type: string, kind: RandomKind): OpDef {
  return {
    type,
    inputNames: ['shape'],
    stateful: true,
    literalDTypes: ['int32'],
    // A shape known in part (the Shape of a [?, 1024] tensor) gives that partial shape, as TF's shape refiner.
    inferOutputs: ([shape]) => [spec('float32', shape.constValue !== undefined ? ints(shape.constValue) : shape.partialValue ?? null)],
    kernel(inputs, attrs, ctx) {
      const shape = ints(val(inputs, 0));
      if (shape.some((d) => d < 0)) throw new InvalidArgumentError(`Shape dimensions must be non-negative, got [${shape.join(',')}]`);
      const seed = attrValue<number>(attrs.seed);
      const seed2 = attrValue<number>(attrs.seed2);
      const blocks = Math.ceil(sizeOf(shape) / 4) + 1;
      const counter = ctx.state ? ctx.state.nextRandomCounter(ctx.opName, blocks) : nextEagerCounter(`${seed}:${seed2}`, blocks);
      return [ctx.backend.random(kind, shape, seed >>> 0, seed2 >>> 0, counter)];
    },
  };
}

registerOpDef(randomDef('RandomUniform', RandomKind.Uniform));
registerOpDef(randomDef('RandomStandardNormal', RandomKind.Normal));
registerOpDef(randomDef('TruncatedNormal', RandomKind.TruncatedNormal));

function nextEagerCounter(key: string, blocks: number): number {
  const c = eagerCounters.get(key) ?? 0;
  eagerCounters.set(key, c + blocks);
  return c;
}

/** Restarts every seeded eager random sequence (part of `tf.setRandomSeed`). */
export function resetEagerRandomCounters(): void {
  eagerCounters.clear();
}
