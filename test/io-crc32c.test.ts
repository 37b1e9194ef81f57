// CRC-32C (src/io/crc32c.ts, native/cpu/crc32c.cc) against published check values and a bitwise
// reference written from the definition, on both native paths (SSE4.2 and the slicing-by-8 tables,
// the latter forced by TENSORSHELL_KERNELS=portable in a child process), at every length and
// offset that straddles the 8-byte loops; and TF's mask/unmask.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

import { ioKernels } from '../src/backends/native/io-kernels.js';
import { crc32c, extendCrc32c, maskCrc, unmaskCrc } from '../src/io/crc32c.js';

/** Bit at a time, reflected polynomial 0x82F63B78: the definition, nothing clever. */
function crcRef(bytes: Uint8Array, initial = 0): number {
  let c = ~initial >>> 0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
  }
  return ~c >>> 0;
}

const ascii = (s: string) => new TextEncoder().encode(s);
const pseudoRandom = (n: number, seed: number) => {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
};

// RFC 3720 (iSCSI) B.4 and the "123456789" check value; TF's crc32c_test.cc uses the same ones.
const VECTORS: Array<[string, Uint8Array, number]> = [
  ['"123456789"', ascii('123456789'), 0xe3069283],
  ['32 zero bytes', new Uint8Array(32), 0x8a9136aa],
  ['32 0xff bytes', new Uint8Array(32).fill(0xff), 0x62a8ab43],
  ['0..31 ascending', Uint8Array.from({ length: 32 }, (_, i) => i), 0x46dd794e],
  ['31..0 descending', Uint8Array.from({ length: 32 }, (_, i) => 31 - i), 0x113fdb5c],
  ['empty', new Uint8Array(0), 0],
];

// Every (offset, length) with offset 0..7 and length 0..70 over one buffer: the hardware path's
// unaligned head, 8-byte body and tail, and the tables' 8-byte steps, all reached.
const BIG = pseudoRandom(200, 7);
const CASES: Array<[number, number]> = [];
for (let offset = 0; offset < 8; offset++) for (let length = 0; length <= 70; length++) CASES.push([offset, length]);

describe('crc32c', () => {
  it.each(VECTORS)('%s', (_, bytes, want) => {
    expect(crcRef(bytes)).toBe(want);
    expect(crc32c(bytes)).toBe(want);
  });

  it('matches the bitwise reference at every offset and odd length of a subarray view', () => {
    for (const [offset, length] of CASES) {
      const view = BIG.subarray(offset + 3, offset + 3 + length);
      expect(crc32c(view), `offset ${offset + 3} length ${length}`).toBe(crcRef(view));
    }
    expect(crc32c(pseudoRandom(100_003, 9))).toBe(crcRef(pseudoRandom(100_003, 9)));
  });

  it('extends: crc32c(a ++ b) = extendCrc32c(crc32c(a), b) = crc32c(b, crc32c(a))', () => {
    const whole = pseudoRandom(53, 3);
    for (let cut = 0; cut <= whole.length; cut++) {
      const a = whole.subarray(0, cut);
      const b = whole.subarray(cut);
      expect(extendCrc32c(crc32c(a), b)).toBe(crc32c(whole));
      expect(crc32c(b, crc32c(a))).toBe(crc32c(whole));
    }
    expect(crc32c(ascii('56789'), crc32c(ascii('1234')))).toBe(0xe3069283);
  });

  it('accepts a Buffer and rejects other arguments with the function and argument named', () => {
    expect(crc32c(Buffer.from('123456789'))).toBe(0xe3069283);
    expect(() => crc32c([1, 2] as unknown as Uint8Array)).toThrow(/^crc32c: argument 'u8' must be a Uint8Array \(got an Array of length 2\)$/);
    expect(() => crc32c(new Int32Array(2) as unknown as Uint8Array)).toThrow(TypeError);
    expect(() => crc32c(new Uint8Array(1), -1)).toThrow(RangeError);
    expect(() => crc32c(new Uint8Array(1), 2 ** 32)).toThrow(/argument 'initial' must be an integer in \[0, 4294967295\]/);
    expect(crc32c(new Uint8Array(1), 0xffffffff)).toBe(crcRef(new Uint8Array(1), 0xffffffff));
  });
});

describe('both native paths', () => {
  // Each child computes every case over the same bytes, sent as base64; the parent compares with crcRef.
  const script = `
    const addon = require('./build/Release/tensorshell.node');
    const { big, cases, vectors } = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
    const buf = new Uint8Array(Buffer.from(big, 'base64'));
    const out = cases.map(([o, n]) => addon.crc32c(buf.subarray(o + 3, o + 3 + n)));
    const vec = vectors.map((v) => addon.crc32c(new Uint8Array(Buffer.from(v, 'base64'))));
    process.stdout.write(JSON.stringify({ kernel: addon.crc32cKernel, out, vec }));`;
  const run = (env: NodeJS.ProcessEnv) => {
    const input = JSON.stringify({
      big: Buffer.from(BIG).toString('base64'), cases: CASES,
      vectors: VECTORS.map(([, bytes]) => Buffer.from(bytes).toString('base64')),
    });
    const child = spawnSync(process.execPath, ['-e', script], { input, env, encoding: 'utf8' });
    expect(child.status, child.stderr).toBe(0);
    return JSON.parse(child.stdout) as { kernel: string; out: number[]; vec: number[] };
  };
  const check = ({ out, vec }: { out: number[]; vec: number[] }) => {
    CASES.forEach(([o, n], i) => expect(out[i], `offset ${o + 3} length ${n}`).toBe(crcRef(BIG.subarray(o + 3, o + 3 + n))));
    expect(vec).toEqual(VECTORS.map(([, , want]) => want));
  };
  const { TENSORSHELL_KERNELS: _, ...plainEnv } = process.env;

  it('TENSORSHELL_KERNELS=portable: the slicing-by-8 tables', () => {
    const result = run({ ...plainEnv, TENSORSHELL_KERNELS: 'portable' });
    expect(result.kernel).toBe('portable');
    check(result);
  });

  it('by default: SSE4.2 where the CPU has it', () => {
    const result = run(plainEnv);
    if (process.arch !== 'x64') expect(result.kernel).toBe('portable');
    else if (process.platform === 'linux') {
      const hasSse42 = spawnSync('grep', ['-qw', 'sse4_2', '/proc/cpuinfo']).status === 0;
      expect(result.kernel).toBe(hasSse42 ? 'sse4.2' : 'portable');
    } else expect(['sse4.2', 'portable']).toContain(result.kernel);
    check(result);
  });

  it('this process reports the path it runs', () => {
    expect(['sse4.2', 'portable']).toContain(ioKernels().crc32cKernel);
  });
});

describe('maskCrc / unmaskCrc (crc32c.h)', () => {
  it('rotates right by 15 and adds kMaskDelta, as uint32', () => {
    expect(maskCrc(0)).toBe(0xa282ead8);
    expect(maskCrc(0x8000)).toBe((1 + 0xa282ead8) >>> 0);
    expect(maskCrc(1)).toBe(((1 << 17) + 0xa282ead8) >>> 0);
    expect(maskCrc(0xffffffff)).toBe((0xffffffff + 0xa282ead8) >>> 0);
    // crc32c_test.cc: Mask(crc) != crc, Mask(Mask(crc)) != crc, Unmask inverts.
    const crc = crc32c(ascii('foo'));
    expect(maskCrc(crc)).not.toBe(crc);
    expect(maskCrc(maskCrc(crc))).not.toBe(crc);
    expect(unmaskCrc(maskCrc(crc))).toBe(crc);
    expect(unmaskCrc(unmaskCrc(maskCrc(maskCrc(crc))))).toBe(crc);
  });

  it('round-trips every uint32 class: zero, all ones, single bits, random', () => {
    const values = [0, 0xffffffff, ...Array.from({ length: 32 }, (_, i) => (1 << i) >>> 0)];
    const r = pseudoRandom(4000, 5);
    for (let i = 0; i < r.length; i += 4) values.push(new DataView(r.buffer).getUint32(i, true));
    for (const v of values) {
      const m = maskCrc(v);
      expect(Number.isInteger(m) && m >= 0 && m <= 0xffffffff).toBe(true);
      expect(unmaskCrc(m)).toBe(v);
    }
  });
});
