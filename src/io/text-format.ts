// Protobuf text format for TensorFlow's messages: `.pbtxt` graphs, `checkpoint` files, NodeDef
// printing. The plain messages are the same as those of proto.ts's encode/decode.
import type { PrinterStyle } from './float-format.js';
import { lookupType, type MessageOf } from './proto.js';
import { fullName } from './proto-plain.js';
import type { MessageInput } from './proto-types.js';
import { parseMessageText } from './text-format-parse.js';
import { printMessage } from './text-format-print.js';

export type { PrinterStyle } from './float-format.js';
export { ParseError } from './text-format-lexer.js';
export { cEscape } from './text-format-print.js';

export interface PrintOptions {
  /** Which printer to copy (default 'cpp': C++ TextFormat::Printer, also Python's str(msg) on
   * the upb runtime): 'write_graph' matches tf.io.write_graph(as_text=True), 'python' matches
   * text_format.MessageToString's defaults (the `checkpoint` file). They differ in floats and in
   * map entries holding defaults; see float-format.ts and text-format-print.ts. */
  style?: PrinterStyle;
}

/** Parses text format into a plain message (the shape decode() gives). Throws ParseError (a
 * ValueError) naming line and column, e.g. `Error parsing text-format tensorflow.GraphDef: 3:5:
 * Message type "tensorflow.NodeDef" has no field named "nmae".`
 * @example parseText('tensorflow.TensorShapeProto', 'dim { size: 2 }') // { dim: [{ size: 2 }] }
 */
export function parseText<N extends string>(typeName: N, text: string): MessageOf<N> {
  return parseMessageText(lookupType(typeName), text) as MessageOf<N>;
}

/** Prints a plain message as text format, byte for byte as the chosen TensorFlow printer does.
 * @example printText('tensorflow.TensorShapeProto', { dim: [{ size: 2 }] }) // 'dim {\n  size: 2\n}\n'
 */
export function printText<N extends string>(typeName: N, message: MessageInput<MessageOf<N>>, options: PrintOptions = {}): string {
  const type = lookupType(typeName);
  const out: string[] = [];
  printMessage(type, message, '', options.style ?? 'cpp', out, fullName(type));
  return out.join('');
}
