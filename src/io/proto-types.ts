// The plain shapes of the TensorFlow messages tensorshell reads and writes most, as decode() and
// parseText() return them: fields by their .proto names (`tensor_content`), repeated fields always
// arrays, maps always objects (keyed by the map's key as a string), unset singular fields absent,
// enums by name, 64-bit integers as Int64, bytes as Uint8Array. Messages not listed here come back
// as PlainMessage with the same conventions.
import type { Int64, PlainMessage } from './proto-fields.js';

/** A tensorflow.DataType by name, e.g. 'DT_FLOAT'; a number only for a value this schema lacks. */
export type DataType = string | number;
/** Any other enum of these messages, by name (a number only for an unknown value). */
export type EnumValue = string | number;

export interface TensorShapeDim { size?: Int64; name?: string }
/** e.g. `{ dim: [{ size: -1 }, { size: 2 }] }` for [?, 2]; `{ dim: [] }` for a scalar. */
export interface TensorShapeProto { dim: TensorShapeDim[]; unknown_rank?: boolean }

export interface DtypeAndShape { dtype?: DataType; shape?: TensorShapeProto }
export interface ResourceHandleProto {
  device?: string; container?: string; name?: string; hash_code?: Int64; maybe_type_name?: string;
  dtypes_and_shapes: DtypeAndShape[];
}
export interface VariantTensorDataProto { type_name?: string; metadata?: Uint8Array; tensors: TensorProto[] }

/** e.g. `{ dtype: 'DT_FLOAT', tensor_shape: { dim: [] }, float_val: [0.10000000149011612] }`. */
export interface TensorProto {
  dtype?: DataType; tensor_shape?: TensorShapeProto; version_number?: number; tensor_content?: Uint8Array;
  half_val: number[]; float_val: number[]; double_val: number[]; int_val: number[];
  string_val: Uint8Array[]; scomplex_val: number[]; int64_val: Int64[]; bool_val: boolean[];
  dcomplex_val: number[]; resource_handle_val: ResourceHandleProto[];
  variant_val: VariantTensorDataProto[]; uint32_val: number[]; uint64_val: Int64[]; float8_val?: Uint8Array;
}

export interface AttrValueList {
  s: Uint8Array[]; i: Int64[]; f: number[]; b: boolean[]; type: DataType[];
  shape: TensorShapeProto[]; tensor: TensorProto[]; func: NameAttrList[];
}
/** One of its fields is set (a oneof, so `{ b: false }` and `{ s: <empty> }` are real values). */
export interface AttrValue {
  s?: Uint8Array; i?: Int64; f?: number; b?: boolean; type?: DataType; shape?: TensorShapeProto;
  tensor?: TensorProto; list?: AttrValueList; func?: NameAttrList; placeholder?: string;
}
export interface NameAttrList { name?: string; attr: Record<string, AttrValue> }

export interface FullTypeDef { type_id?: EnumValue; args: FullTypeDef[]; s?: string; i?: Int64 }
export interface NodeDebugInfo { original_node_names: string[]; original_func_names: string[] }
/** e.g. `{ name: 'init', op: 'NoOp', input: ['^w/Assign'], attr: {} }`. */
export interface NodeDef {
  name?: string; op?: string; input: string[]; device?: string; attr: Record<string, AttrValue>;
  experimental_debug_info?: NodeDebugInfo; experimental_type?: FullTypeDef;
}

export interface VersionDef { producer?: number; min_consumer?: number; bad_consumers: number[] }
export interface FunctionDef {
  signature?: PlainMessage; attr: Record<string, AttrValue>; arg_attr: Record<string, { attr: Record<string, AttrValue> }>;
  resource_arg_unique_id: Record<string, number>; node_def: NodeDef[];
  ret: Record<string, string>; control_ret: Record<string, string>;
}
export interface GradientDef { function_name?: string; gradient_func?: string }
export interface FunctionDefLibrary {
  function: FunctionDef[]; gradient: GradientDef[];
  registered_gradients: { gradient_func?: string; registered_op_type?: string }[];
}
/** A graph: `library` is present only when the graph has functions or gradients. */
export interface GraphDef {
  node: NodeDef[]; versions?: VersionDef; version?: number; library?: FunctionDefLibrary; debug_info?: PlainMessage;
}

export interface HistogramProto {
  min?: number; max?: number; num?: number; sum?: number; sum_squares?: number;
  bucket_limit: number[]; bucket: number[];
}
export interface SummaryMetadata {
  plugin_data?: { plugin_name?: string; content?: Uint8Array };
  display_name?: string; summary_description?: string; data_class?: EnumValue;
}
export interface SummaryImage { height?: number; width?: number; colorspace?: number; encoded_image_string?: Uint8Array }
export interface SummaryAudio {
  sample_rate?: number; num_channels?: Int64; length_frames?: Int64;
  encoded_audio_string?: Uint8Array; content_type?: string;
}
/** One tagged value; at most one of simple_value … tensor is set. */
export interface SummaryValue {
  node_name?: string; tag?: string; metadata?: SummaryMetadata; simple_value?: number;
  obsolete_old_style_histogram?: Uint8Array; image?: SummaryImage; histo?: HistogramProto;
  audio?: SummaryAudio; tensor?: TensorProto;
}
export interface Summary { value: SummaryValue[] }

/** A TensorBoard event record; at most one of file_version … meta_graph_def is set. */
export interface Event {
  wall_time?: number; step?: Int64; file_version?: string; graph_def?: Uint8Array; summary?: Summary;
  log_message?: { level?: EnumValue; message?: string };
  session_log?: { status?: EnumValue; checkpoint_path?: string; msg?: string };
  tagged_run_metadata?: { tag?: string; run_metadata?: Uint8Array };
  meta_graph_def?: Uint8Array; source_metadata?: { writer?: string };
}

export interface TensorSliceProto { extent: { start?: Int64; length?: Int64 }[] }
export interface BundleHeaderProto { num_shards?: number; endianness?: EnumValue; version?: VersionDef }
export interface BundleEntryProto {
  dtype?: DataType; shape?: TensorShapeProto; shard_id?: number; offset?: Int64; size?: Int64;
  crc32c?: number; slices: TensorSliceProto[];
}
export interface CheckpointState {
  model_checkpoint_path?: string; all_model_checkpoint_paths: string[];
  all_model_checkpoint_timestamps: number[]; last_preserved_timestamp?: number;
}

interface FullNames {
  'tensorflow.TensorShapeProto': TensorShapeProto; 'tensorflow.TensorProto': TensorProto;
  'tensorflow.ResourceHandleProto': ResourceHandleProto; 'tensorflow.AttrValue': AttrValue;
  'tensorflow.NameAttrList': NameAttrList; 'tensorflow.NodeDef': NodeDef; 'tensorflow.VersionDef': VersionDef;
  'tensorflow.FunctionDefLibrary': FunctionDefLibrary; 'tensorflow.GraphDef': GraphDef;
  'tensorflow.HistogramProto': HistogramProto; 'tensorflow.SummaryMetadata': SummaryMetadata;
  'tensorflow.Summary': Summary; 'tensorflow.Event': Event; 'tensorflow.TensorSliceProto': TensorSliceProto;
  'tensorflow.BundleHeaderProto': BundleHeaderProto; 'tensorflow.BundleEntryProto': BundleEntryProto;
  'tensorflow.CheckpointState': CheckpointState;
}

/** Message type names (with and without the `tensorflow.` package) to their plain shapes. */
export type ProtoMessages = FullNames & {
  [K in keyof FullNames as K extends `tensorflow.${infer Short}` ? Short : never]: FullNames[K];
};

/** What encode()/printText() accept: any field may be left out, arrays and maps included. */
export type MessageInput<T> = T extends Uint8Array ? T
  : T extends readonly (infer E)[] ? readonly MessageInput<E>[]
  : T extends object ? { [K in keyof T]?: MessageInput<T[K]> }
  : T;
