// The binary protobuf layer against bytes made by Google's own serializers from TensorFlow's
// .proto files (test/fixtures/io/generate.py and print_cpp.cc say how; TensorFlow is not needed here).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ValueError } from '../src/errors.js';
import { decode, encode, lookupType, type GraphDef, type Summary } from '../src/io/proto.js';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`fixtures/io/${name}`, import.meta.url)));
const bytes = (text: string) => new TextEncoder().encode(text);

describe('decode', () => {
  it('reads a TensorFlow GraphDef with .proto field names, enum names and always-present arrays and maps', () => {
    const g = decode('tensorflow.GraphDef', fixture('graph.pb')) as GraphDef;
    expect(g.node.map((n) => n.op)).toEqual([
      'Placeholder', 'Const', 'Const', 'VariableV2', 'Assign', 'Identity', 'MatMul', 'AddV2', 'Relu',
      'LeakyRelu', 'Const', 'Sum', 'Const', 'Const', 'NoOp',
    ]);
    expect(g.versions).toEqual({ producer: 2169, min_consumer: 12, bad_consumers: [] });
    expect(g.library).toBeUndefined();
    const [x, c, c1, w, assign] = g.node;
    expect(x!.attr.shape).toEqual({ shape: { dim: [{ size: -1 }, { size: 2 }] } });
    expect(x!.input).toEqual([]);
    expect(c!.attr.value!.tensor!.float_val).toEqual([Math.fround(0.1)]);
    expect(c!.attr.value!.tensor!.tensor_shape).toEqual({ dim: [] });
    const content = c1!.attr.value!.tensor!.tensor_content!;
    expect(content.constructor).toBe(Uint8Array);
    expect(Array.from(new Float32Array(content.buffer))).toEqual([1.5, -2, 0.25, 3]);
    // AttrValue is a oneof: an empty string and false are values, not absences.
    expect(w!.attr.container).toEqual({ s: new Uint8Array(0) });
    expect(g.node[6]!.attr.transpose_a).toEqual({ b: false });
    expect(assign!.attr._class!.list!.s).toEqual([bytes('loc:@w')]);
    expect(g.node[14]).toEqual({ name: 'init', op: 'NoOp', input: ['^w/Assign'], attr: {} });
  });

  it('keeps 64-bit integers exact: numbers while safe, decimal strings beyond 2^53', () => {
    const g = decode('GraphDef', fixture('graph.pb')) as GraphDef;
    const big = g.node.find((n) => n.name === 'big')!;
    expect(big.device).toBe('/device:CPU:0');
    expect(big.attr.value!.tensor!.int64_val).toEqual(['9007199254740993', -5]);
    const handle = { hash_code: '18446744073709551615', dtypes_and_shapes: [] };
    expect(decode('ResourceHandleProto', encode('ResourceHandleProto', handle))).toEqual(handle);
    expect(decode('TensorSliceProto', encode('TensorSliceProto', { extent: [{ start: '-9223372036854775808', length: 7 }] })))
      .toEqual({ extent: [{ start: '-9223372036854775808', length: 7 }] });
  });

  it('keeps proto2 presence and 64-bit map keys (GraphDebugInfo)', () => {
    const info = {
      files: ['a.py'], traces: {}, traces_by_id: {},
      frames_by_id: { 5: { func: 'f' }, '18446744073709551615': { file_index: 0, line: 3 } },
      name_to_trace_id: { n: '12345678901234567890' },
    };
    expect(decode('GraphDebugInfo', encode('GraphDebugInfo', info))).toEqual(info);
  });

  it('skips unknown fields and fields of the wrong wire type, as C++ does', () => {
    // field 99 (varint), then field 1 (node, a message) sent as a varint
    expect(decode('GraphDef', Uint8Array.of(0x98, 0x06, 0x01, 0x08, 0x00))).toEqual({ node: [] });
  });

  it('reads summaries, events, checkpoint state and bundle entries', () => {
    const s = decode('tensorflow.Summary', fixture('summary.pb')) as Summary;
    expect(s.value.map((v) => v.tag)).toEqual(['loss', 'extremes/max', 'extremes/count', 'extremes/small', 'weights', 'accuracy']);
    expect(s.value[0]).toEqual({ tag: 'loss', simple_value: Math.fround(0.1) });
    expect(s.value[4]!.histo!.bucket_limit.at(-1)).toBe(Number.MAX_VALUE);
    expect(s.value[5]!.metadata).toEqual({ plugin_data: { plugin_name: 'scalars' } });
    const e = decode('tensorflow.Event', fixture('event.pb'));
    expect(e).toMatchObject({ wall_time: 1700000000.123456, step: 42 });
    expect(e.summary).toEqual(s);
    expect(decode('tensorflow.CheckpointState', fixture('checkpoint_state.pb'))).toEqual({
      model_checkpoint_path: 'ckpt-2', all_model_checkpoint_paths: ['ckpt-1', 'ckpt-2'],
      all_model_checkpoint_timestamps: [1700000000.5, 1700000123.25], last_preserved_timestamp: 1699999999,
    });
    expect(decode('tensorflow.BundleHeaderProto', fixture('bundle_header.pb'))).toEqual({ num_shards: 1, version: { producer: 1, bad_consumers: [] } });
    expect(decode('tensorflow.BundleEntryProto', fixture('bundle_entry.pb'))).toEqual({
      dtype: 'DT_FLOAT', shape: { dim: [{ size: 2 }, { size: 2 }] }, offset: 16, size: 16, crc32c: 0xdeadbeef, slices: [],
    });
  });

  it('throws a ValueError-family error naming the message type on malformed bytes', () => {
    const graph = fixture('graph.pb');
    for (const bad of [graph.subarray(0, graph.length - 3), Uint8Array.of(0x0a, 0x05, 0x01), Uint8Array.of(0x0f), Uint8Array.of(0x08)]) {
      expect(() => decode('tensorflow.GraphDef', bad)).toThrow(/Could not parse \d+ bytes as tensorflow\.GraphDef/);
    }
    try {
      decode('tensorflow.Summary', Uint8Array.of(0x0a, 0x40));
      expect.unreachable();
    } catch (e) {
      expect(['DataLossError', 'ValueError']).toContain((e as Error).name);
    }
    // A string field must hold UTF-8, as in TensorFlow's C++ parser.
    expect(() => decode('tensorflow.NodeDef', Uint8Array.of(0x0a, 0x01, 0xff))).toThrow(/tensorflow\.NodeDef/);
  });
});

describe('encode', () => {
  it('gives back the bytes of Google\'s deterministic serializer', () => {
    for (const [type, file] of [
      ['tensorflow.GraphDef', 'graph.pb'], ['tensorflow.Summary', 'summary.pb'], ['tensorflow.Event', 'event.pb'],
      ['tensorflow.CheckpointState', 'checkpoint_state.pb'], ['tensorflow.BundleHeaderProto', 'bundle_header.pb'],
      ['tensorflow.BundleEntryProto', 'bundle_entry.pb'],
    ] as const) {
      const original = fixture(file);
      expect(Buffer.from(encode(type, decode(type, original))).equals(Buffer.from(original)), file).toBe(true);
    }
  });

  it('sorts map entries by key, drops proto3 defaults, and writes oneof defaults', () => {
    const node = { name: 'n', op: '', attr: { b: { i: 0 }, a: { b: false } }, device: '' };
    const sorted = { name: 'n', attr: { a: { b: false }, b: { i: 0 } } };
    expect(Array.from(encode('NodeDef', node))).toEqual(Array.from(encode('NodeDef', sorted)));
    expect(decode('NodeDef', encode('NodeDef', node))).toEqual({ name: 'n', input: [], attr: { a: { b: false }, b: { i: 0 } } });
    expect(Array.from(encode('TensorShapeProto', { dim: [{ size: 2 }] }))).toEqual([18, 2, 8, 2]);
  });

  it('writes a JS string in a bytes field as its UTF-8, not as base64', () => {
    expect(encode('AttrValue', { s: 'loc:@w' })).toEqual(encode('AttrValue', { s: bytes('loc:@w') }));
    expect(decode('AttrValue', encode('AttrValue', { list: { s: ['é'] } })).list!.s).toEqual([bytes('é')]);
  });

  it('accepts enum numbers, bigint and decimal-string int64s', () => {
    const t = { dtype: 9, int64_val: [2n ** 62n, '-9223372036854775808', 3] };
    expect(decode('TensorProto', encode('TensorProto', t))).toMatchObject({
      dtype: 'DT_INT64', int64_val: ['4611686018427387904', '-9223372036854775808', 3],
    });
  });

  it('rejects what it cannot write exactly, naming the field', () => {
    expect(() => encode('NodeDef', { nmae: 'x' })).toThrow('tensorflow.NodeDef: message type "tensorflow.NodeDef" has no field named "nmae".');
    expect(() => encode('GraphDef', { node: [{ attr: { T: { type: 'DT_FLOT' } } }] }))
      .toThrow('tensorflow.GraphDef.node[0].attr["T"].type: "DT_FLOT" is not a value of enum tensorflow.DataType.');
    expect(() => encode('TensorProto', { int64_val: [2 ** 60] })).toThrow(/int64_val\[0\]: 1152921504606847000 is beyond 2\^53/);
    expect(() => encode('TensorProto', { uint64_val: ['-1'] })).toThrow(/out of range for uint64/);
    expect(() => encode('TensorProto', { float_val: 'x' })).toThrow(ValueError);
    expect(() => encode('NodeDef', { name: 3 })).toThrow(/Cannot encode tensorflow\.NodeDef: name: string expected/);
    expect(() => encode('Nope', {})).toThrow(/Unknown protobuf message type "Nope"/);
  });
});

describe('lookupType', () => {
  it('finds types with or without the package and has TensorFlow\'s field numbers', () => {
    expect(lookupType('GraphDef')).toBe(lookupType('tensorflow.GraphDef'));
    const numbers = (name: string) => Object.fromEntries(lookupType(name).fieldsArray.map((f) => [f.name, f.id]));
    expect(numbers('GraphDef')).toEqual({ node: 1, versions: 4, version: 3, library: 2, debug_info: 5 });
    expect(numbers('Event')).toMatchObject({ wall_time: 1, step: 2, file_version: 3, graph_def: 4, summary: 5, log_message: 6, session_log: 7, tagged_run_metadata: 8, meta_graph_def: 9 });
    expect(numbers('Summary.Value')).toMatchObject({ tag: 1, simple_value: 2, obsolete_old_style_histogram: 3, image: 4, histo: 5, audio: 6, node_name: 7, tensor: 8, metadata: 9 });
    const dtype = lookupType('TensorProto').lookupEnum('DataType');
    expect(dtype.values).toMatchObject({ DT_INVALID: 0, DT_FLOAT: 1, DT_STRING: 7, DT_BOOL: 10, DT_HALF: 19, DT_UINT64: 23, DT_FLOAT_REF: 101, DT_UINT64_REF: 123 });
  });
});
