// TensorFlow's protobuf messages in binary form: GraphDef, Summary, Event, checkpoint bundles.
// One protobufjs Root, built from the embedded .proto sources when first needed (protobufjs.ts says
// why not at load), shared with the text format. Plain messages use the .proto field names (`tensor_content`, as TensorFlow's Python does);
// proto-plain.ts says how int64, bytes, enums and defaults look.
import type protobuf from 'protobufjs';
import * as errors from '../errors.js';
import { ValueError } from '../errors.js';
import type { PlainMessage } from './proto-fields.js';
import { TO_OBJECT, fromDecoded, fullName, toWire } from './proto-plain.js';
import { protobuf as protobufjs } from './protobufjs.js';
import { FRAMEWORK_PROTOS } from './proto-schema.js';
import { RECORD_PROTOS } from './proto-schema-records.js';
import type { MessageInput, ProtoMessages } from './proto-types.js';

export type { Int64, PlainMessage } from './proto-fields.js';
export type * from './proto-types.js';

/** The message type a name stands for: its interface for the names in ProtoMessages, else a plain object. */
export type MessageOf<N extends string> = N extends keyof ProtoMessages ? ProtoMessages[N] : PlainMessage;

let root: protobuf.Root | null = null;

/** The root of every embedded TensorFlow message type, e.g. `protoRoot().lookupType('tensorflow.NodeDef')`. */
export function protoRoot(): protobuf.Root {
  root ??= buildRoot();
  return root;
}

function buildRoot(): protobuf.Root {
  const pb = protobufjs();
  const built = new pb.Root();
  for (const source of [...FRAMEWORK_PROTOS, ...RECORD_PROTOS]) pb.parse(source, built, { keepCase: true });
  built.resolveAll();
  return built;
}

/** The reflected message type for a name, with or without the package: `lookupType('GraphDef')`. */
export function lookupType(name: string): protobuf.Type {
  const full = name.includes('.') ? name : `tensorflow.${name}`;
  const found = protoRoot().lookup(full.replace(/^\.?/, '.'));
  if (found instanceof protobufjs().Type) return found;
  throw new ValueError(
    `Unknown protobuf message type "${name}": tensorshell knows TensorFlow's framework, summary, event ` +
      `and checkpoint messages, e.g. "tensorflow.GraphDef", "tensorflow.Event", "tensorflow.BundleEntryProto".`,
  );
}

/** Serializes a plain message to protobuf wire bytes, byte-identical to TensorFlow's deterministic
 * serializer. Throws ValueError on an unknown field, a wrong value type, or an unsafe integer.
 * @example encode('tensorflow.TensorShapeProto', { dim: [{ size: 2 }] }) // Uint8Array [18, 2, 8, 2]
 */
export function encode<N extends string>(typeName: N, message: MessageInput<MessageOf<N>>): Uint8Array {
  const type = lookupType(typeName);
  const wire = toWire(type, message, fullName(type));
  const problem = type.verify(wire);
  if (problem) throw new ValueError(`Cannot encode ${fullName(type)}: ${problem}.`);
  const bytes = type.encode(type.fromObject(wire)).finish();
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Parses protobuf wire bytes into a plain message: repeated fields always arrays, maps always
 * objects, unset scalars absent. Malformed bytes throw DataLossError (ValueError if the project
 * has none) naming the message type; unknown fields are skipped, as TensorFlow's parser does.
 * @example decode('tensorflow.TensorShapeProto', Uint8Array.of(18, 2, 8, 2)) // { dim: [{ size: 2 }] }
 */
export function decode<N extends string>(typeName: N, bytes: Uint8Array): MessageOf<N> {
  const type = lookupType(typeName);
  // A plain Uint8Array, not a Buffer, so protobufjs's bytes come back as Uint8Array too.
  const input = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let message: protobuf.Message;
  try {
    message = type.decode(input);
  } catch (e) {
    throw dataLoss(`Could not parse ${bytes.byteLength} bytes as ${fullName(type)}: ${(e as Error).message}. ` +
      'The bytes are truncated, corrupted, or not this message type.');
  }
  return fromDecoded(type, type.toObject(message, TO_OBJECT)) as MessageOf<N>;
}

// TensorFlow reports corrupt records as DataLossError; use it once src/errors.ts defines it.
function dataLoss(message: string): Error {
  const DataLoss = (errors as unknown as Record<string, unknown>)['DataLossError'];
  return typeof DataLoss === 'function' ? new (DataLoss as new (m: string) => Error)(message) : new ValueError(message);
}
