// The text format against files written by Google's printers: Python's text_format as TensorFlow
// calls it (graph.pbtxt as tf.io.write_graph writes it, summary.pbtxt and checkpoint with the
// defaults) and C++ TextFormat::PrintToString (*.cpp.pbtxt). See test/fixtures/io/generate.py.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ValueError } from '../src/errors.js';
import { formatDouble, formatFloat } from '../src/io/float-format.js';
import { decode } from '../src/io/proto.js';
import { ParseError, parseText, printText } from '../src/io/text-format.js';

const file = (name: string) => readFileSync(new URL(`fixtures/io/${name}`, import.meta.url));
const text = (name: string) => file(name).toString('latin1');
const bytes = (s: string) => new TextEncoder().encode(s);

const FIXTURES = [
  ['tensorflow.GraphDef', 'graph'], ['tensorflow.Summary', 'summary'], ['tensorflow.Event', 'event'],
  ['tensorflow.CheckpointState', 'checkpoint_state'], ['tensorflow.BundleHeaderProto', 'bundle_header'],
  ['tensorflow.BundleEntryProto', 'bundle_entry'],
] as const;

describe('printText', () => {
  it('matches C++ TextFormat::PrintToString byte for byte', () => {
    for (const [type, name] of FIXTURES) {
      expect(printText(type, decode(type, file(`${name}.pb`))), name).toBe(text(`${name}.cpp.pbtxt`));
    }
  });

  it('matches tf.io.write_graph(as_text=True) and text_format defaults byte for byte', () => {
    const graph = decode('tensorflow.GraphDef', file('graph.pb'));
    expect(printText('tensorflow.GraphDef', graph, { style: 'write_graph' })).toBe(text('graph.pbtxt'));
    const summary = decode('tensorflow.Summary', file('summary.pb'));
    expect(printText('tensorflow.Summary', summary, { style: 'python' })).toBe(text('summary.pbtxt'));
    const state = decode('tensorflow.CheckpointState', file('checkpoint_state.pb'));
    expect(printText('tensorflow.CheckpointState', state, { style: 'python' })).toBe(text('checkpoint'));
  });

  it('prints oneof defaults, empty messages, sorted map entries and C escapes', () => {
    const node = { name: 'n', op: 'Foo', attr: { z: { b: false }, a: { s: bytes('\t"\'\\\n\u00e9') }, m: { shape: { dim: [] } } } };
    expect(printText('NodeDef', node)).toBe(
      'name: "n"\nop: "Foo"\n' +
      'attr {\n  key: "a"\n  value {\n    s: "\\t\\"\\\'\\\\\\n\\303\\251"\n  }\n}\n' +
      'attr {\n  key: "m"\n  value {\n    shape {\n    }\n  }\n}\n' +
      'attr {\n  key: "z"\n  value {\n    b: false\n  }\n}\n',
    );
    expect(printText('TensorShapeProto', { dim: [{ size: 0 }], unknown_rank: false })).toBe('dim {\n}\n');
    // C++ writes a map entry's default key and value; Python's text_format leaves them out.
    const fn = { ret: { b: 'y', a: '' }, arg_attr: { 10: { attr: {} }, 9: { attr: {} } }, resource_arg_unique_id: { 0: 0 } };
    const entries = (key0: string, value0: string) =>
      `ret {\n  key: "a"\n${value0}}\nret {\n  key: "b"\n  value: "y"\n}\n` +
      'arg_attr {\n  key: 9\n  value {\n  }\n}\narg_attr {\n  key: 10\n  value {\n  }\n}\n' +
      `resource_arg_unique_id {\n${key0}${value0 && '  value: 0\n'}}\n`;
    expect(printText('FunctionDef', fn)).toBe(entries('  key: 0\n', '  value: ""\n'));
    expect(printText('FunctionDef', fn, { style: 'python' })).toBe(entries('', ''));
    expect(printText('NodeDef', { attr: { '': {} } })).toBe('attr {\n  key: ""\n  value {\n  }\n}\n');
    expect(printText('NodeDef', { attr: { '': {} } }, { style: 'write_graph' })).toBe('attr {\n  value {\n  }\n}\n');
  });

  it('formats floats and doubles as each printer does', () => {
    const cases: [number, string, string, string][] = [
      // value (as float32), cpp, python, write_graph
      [0.1, '0.1', '0.1', '0.10000000149011612'], [1, '1', '1.0', '1.0'], [1e-5, '1e-05', '1e-05', '9.999999747378752e-06'],
      [1e6, '1e+06', '1000000.0', '1000000.0'], [3.4028234663852886e38, '3.40282347e+38', '3.4028235e+38', '3.4028234663852886e+38'],
      [2 ** -13, '0.000122070312', '0.00012207031', '0.0001220703125'], [-0, '-0', '-0.0', '-0.0'],
      [Infinity, 'inf', 'inf', 'inf'], [-Infinity, '-inf', '-inf', '-inf'], [NaN, 'nan', 'nan', 'nan'],
    ];
    for (const [v, cpp, python, writeGraph] of cases) {
      const f = Math.fround(v);
      expect([formatFloat(f, 'cpp'), formatFloat(f, 'python'), formatFloat(f, 'write_graph')], String(v)).toEqual([cpp, python, writeGraph]);
    }
    expect(formatDouble(0.1, 'cpp')).toBe('0.1');
    expect(formatDouble(0.7999999999999999, 'cpp')).toBe('0.79999999999999993');
    expect(formatDouble(0.7999999999999999, 'python')).toBe('0.7999999999999999');
    expect(formatDouble(1e16, 'python')).toBe('1e+16');
    expect(formatDouble(1e15, 'python')).toBe('1000000000000000.0');
    expect(formatDouble(1e15, 'cpp')).toBe('1e+15');
  });

  it('rejects values it cannot print, naming the field', () => {
    expect(() => printText('NodeDef', { nmae: 'x' } as never)).toThrow('tensorflow.NodeDef: message type "tensorflow.NodeDef" has no field named "nmae".');
    expect(() => printText('AttrValue', { type: 'DT_FLOT' })).toThrow(/tensorflow\.AttrValue\.type: "DT_FLOT" is not a value of enum/);
    expect(() => printText('AttrValue', { i: 1.5 })).toThrow(ValueError);
  });
});

describe('parseText', () => {
  it('reads TensorFlow\'s and C++\'s text into the plain message decode() gives', () => {
    for (const [type, name] of FIXTURES) {
      const expected = decode(type, file(`${name}.pb`));
      expect(parseText(type, text(`${name}.cpp.pbtxt`)), name).toEqual(expected);
    }
    expect(parseText('GraphDef', text('graph.pbtxt'))).toEqual(decode('GraphDef', file('graph.pb')));
    expect(parseText('Summary', text('summary.pbtxt'))).toEqual(decode('Summary', file('summary.pb')));
    expect(parseText('CheckpointState', text('checkpoint'))).toEqual(decode('CheckpointState', file('checkpoint_state.pb')));
  });

  it('accepts the forms people write', () => {
    const source = `
      # a comment
      name: 'a' "b"  # adjacent literals join
      op: "Const", input: ["x", 'y:1'] ; input: "^z"
      device: "\\x41\\102\\u00e9"
      attr: { key: "value" value < tensor { dtype: 3 tensor_shape {} int_val: [-1, 0x10, 010] } > }
      attr [{ key: "f" value { list { f: [inf, -inf, 1.5f, -2, .5e1] } } }]
      attr { key: "t" value { type: DT_HALF } }
      attr { key: "b" value { b: True } }
    `;
    expect(parseText('NodeDef', source)).toEqual({
      name: 'ab', op: 'Const', input: ['x', 'y:1', '^z'], device: 'AB\u00e9',
      attr: {
        value: { tensor: {
          dtype: 'DT_INT32', tensor_shape: { dim: [] }, int_val: [-1, 16, 8], half_val: [], float_val: [], double_val: [],
          string_val: [], scomplex_val: [], int64_val: [], bool_val: [], dcomplex_val: [], resource_handle_val: [],
          variant_val: [], uint32_val: [], uint64_val: [],
        } },
        f: { list: { f: [Infinity, -Infinity, 1.5, -2, 5], s: [], i: [], b: [], type: [], shape: [], tensor: [], func: [] } },
        t: { type: 'DT_HALF' },
        b: { b: true },
      },
    });
    expect(parseText('TensorProto', 'dtype: 999 int64_val: [9223372036854775807, -3]')).toMatchObject({ dtype: 999, int64_val: ['9223372036854775807', -3] });
    expect(parseText('TensorProto', 'float_val: nan float_val: 0.1 double_val: 0.1 string_val: "\\377\\0"')).toMatchObject({
      float_val: [NaN, Math.fround(0.1)], double_val: [0.1], string_val: [Uint8Array.of(255, 0)],
    });
    // A proto3 scalar set to its default is not set, exactly as after a binary round trip.
    expect(parseText('VersionDef', 'producer: 0 min_consumer: 3')).toEqual({ min_consumer: 3, bad_consumers: [] });
    expect(parseText('AttrValue', 'i: 0')).toEqual({ i: 0 });
  });

  it('rejects malformed text with TensorFlow\'s message, line and column', () => {
    const err = (type: string, source: string) => {
      try {
        parseText(type, source);
      } catch (e) {
        expect(e).toBeInstanceOf(ParseError);
        expect(e).toBeInstanceOf(ValueError);
        return (e as Error).message;
      }
      throw new Error(`parsed: ${source}`);
    };
    expect(err('tensorflow.GraphDef', 'node {\n  name: "a"\n    nmae: "b"\n}\n'))
      .toBe('Error parsing text-format tensorflow.GraphDef: 3:5: Message type "tensorflow.NodeDef" has no field named "nmae".');
    expect(err('GraphDef', 'node { name: "a"')).toMatch(/1:17: Expected "}" to close a tensorflow\.NodeDef, found the end of the text\./);
    expect(err('NodeDef', 'name "a"')).toMatch(/1:6: Expected ":", found ""a""\./);
    expect(err('NodeDef', 'name: "a" name: "b"')).toMatch(/1:11: Non-repeated field "name" is specified multiple times\./);
    expect(err('AttrValue', 'b: true s: "x"')).toMatch(/Field "s" is specified along with field "b", another member of oneof "value"\./);
    expect(err('AttrValue', 'type: DT_FLOT')).toMatch(/1:7: Unknown enumeration value of "DT_FLOT" for field "type"\./);
    expect(err('AttrValue', 'b: maybe')).toMatch(/Invalid value for boolean field "b"\. Value: "maybe"\./);
    expect(err('VersionDef', 'producer: 2147483648')).toMatch(/Integer out of range \(2147483648\)/);
    expect(err('VersionDef', 'producer: 1.5')).toMatch(/Expected integer, got: 1\.5/);
    expect(err('NodeDef', 'name: "abc')).toMatch(/1:7: String literals cannot cross line boundaries\./);
    expect(err('NodeDef', 'name: "\\q"')).toMatch(/Invalid escape sequence/);
    expect(err('NodeDef', 'name: ["a"]')).toMatch(/Field "name" is not repeated/);
    expect(err('NodeDef', 'name: "\\377"')).toMatch(/String field "name" contains invalid UTF-8/);
    expect(err('NodeDef', 'attr { key: "a" vlaue { } }')).toMatch(/Message type "tensorflow\.NodeDef\.AttrEntry" has no field named "vlaue"\./);
    expect(err('NodeDef', 'op: 12abc')).toMatch(/Need space between number and identifier/);
    expect(err('NodeDef', '$')).toMatch(/1:1: Unexpected character "\$"/);
  });

  it('round-trips through print and parse', () => {
    const graph = decode('GraphDef', file('graph.pb'));
    for (const style of ['cpp', 'python', 'write_graph'] as const) {
      expect(parseText('GraphDef', printText('GraphDef', graph, { style }))).toEqual(graph);
    }
  });
});
