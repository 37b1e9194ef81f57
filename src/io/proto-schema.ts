// TensorFlow's GraphDef-side .proto files, embedded so the protobuf layer needs no files at run time.
// Field names and numbers are TensorFlow's own (tensorflow/core/framework/{types,tensor_shape,
// resource_handle,tensor,attr_value,full_type,node_def,op_def,function,versions,graph,
// graph_debug_info}.proto, checked against TensorFlow's sources as of mid 2026); comments are dropped.
// test/io-proto.test.ts decodes bytes made from those real .proto files, so a wrong number fails it.

// DataType 1..33 in TensorFlow's order; every one has a _REF twin at +100 (101..133).
const DTYPE_NAMES = [
  'FLOAT', 'DOUBLE', 'INT32', 'UINT8', 'INT16', 'INT8', 'STRING', 'COMPLEX64', 'INT64', 'BOOL',
  'QINT8', 'QUINT8', 'QINT32', 'BFLOAT16', 'QINT16', 'QUINT16', 'UINT16', 'COMPLEX128', 'HALF',
  'RESOURCE', 'VARIANT', 'UINT32', 'UINT64', 'FLOAT8_E5M2', 'FLOAT8_E4M3FN', 'FLOAT8_E4M3FNUZ',
  'FLOAT8_E4M3B11FNUZ', 'FLOAT8_E5M2FNUZ', 'INT4', 'UINT4', 'INT2', 'UINT2', 'FLOAT4_E2M1FN',
];

const dataTypeEnum = [
  'enum DataType {',
  '  DT_INVALID = 0;',
  ...DTYPE_NAMES.map((name, i) => `  DT_${name} = ${i + 1};`),
  ...DTYPE_NAMES.map((name, i) => `  DT_${name}_REF = ${i + 101};`),
  '}',
].join('\n');

const FRAMEWORK = `
syntax = "proto3";
package tensorflow;

${dataTypeEnum}

message SerializedDType { DataType datatype = 1; }

message TensorShapeProto {
  message Dim {
    int64 size = 1;
    string name = 2;
  }
  repeated Dim dim = 2;
  bool unknown_rank = 3;
}

message ResourceHandleProto {
  string device = 1;
  string container = 2;
  string name = 3;
  uint64 hash_code = 4;
  string maybe_type_name = 5;
  message DtypeAndShape {
    DataType dtype = 1;
    TensorShapeProto shape = 2;
  }
  repeated DtypeAndShape dtypes_and_shapes = 6;
  reserved 7;
}

message TensorProto {
  DataType dtype = 1;
  TensorShapeProto tensor_shape = 2;
  int32 version_number = 3;
  bytes tensor_content = 4;
  repeated int32 half_val = 13 [packed = true];
  repeated float float_val = 5 [packed = true];
  repeated double double_val = 6 [packed = true];
  repeated int32 int_val = 7 [packed = true];
  repeated bytes string_val = 8;
  repeated float scomplex_val = 9 [packed = true];
  repeated int64 int64_val = 10 [packed = true];
  repeated bool bool_val = 11 [packed = true];
  repeated double dcomplex_val = 12 [packed = true];
  repeated ResourceHandleProto resource_handle_val = 14;
  repeated VariantTensorDataProto variant_val = 15;
  repeated uint32 uint32_val = 16 [packed = true];
  repeated uint64 uint64_val = 17 [packed = true];
  bytes float8_val = 18;
}

message VariantTensorDataProto {
  string type_name = 1;
  bytes metadata = 2;
  repeated TensorProto tensors = 3;
}

message AttrValue {
  message ListValue {
    repeated bytes s = 2;
    repeated int64 i = 3 [packed = true];
    repeated float f = 4 [packed = true];
    repeated bool b = 5 [packed = true];
    repeated DataType type = 6 [packed = true];
    repeated TensorShapeProto shape = 7;
    repeated TensorProto tensor = 8;
    repeated NameAttrList func = 9;
  }
  oneof value {
    bytes s = 2;
    int64 i = 3;
    float f = 4;
    bool b = 5;
    DataType type = 6;
    TensorShapeProto shape = 7;
    TensorProto tensor = 8;
    ListValue list = 1;
    NameAttrList func = 10;
    string placeholder = 9;
  }
}

message NameAttrList {
  string name = 1;
  map<string, AttrValue> attr = 2;
}

enum FullTypeId {
  TFT_UNSET = 0; TFT_VAR = 1; TFT_ANY = 2; TFT_PRODUCT = 3; TFT_NAMED = 4; TFT_FOR_EACH = 20;
  TFT_CALLABLE = 100; TFT_TENSOR = 1000; TFT_ARRAY = 1001; TFT_OPTIONAL = 1002;
  TFT_LITERAL = 1003; TFT_ENCODED = 1004; TFT_SHAPE_TENSOR = 1005; TFT_BOOL = 200;
  TFT_UINT8 = 201; TFT_UINT16 = 202; TFT_UINT32 = 203; TFT_UINT64 = 204; TFT_INT8 = 205;
  TFT_INT16 = 206; TFT_INT32 = 207; TFT_INT64 = 208; TFT_HALF = 209; TFT_FLOAT = 210;
  TFT_DOUBLE = 211; TFT_BFLOAT16 = 215; TFT_COMPLEX64 = 212; TFT_COMPLEX128 = 213;
  TFT_STRING = 214; TFT_DATASET = 10102; TFT_RAGGED = 10103; TFT_ITERATOR = 10104;
  TFT_MUTEX_LOCK = 10202; TFT_LEGACY_VARIANT = 10203;
}

message FullTypeDef {
  FullTypeId type_id = 1;
  repeated FullTypeDef args = 2;
  oneof attr {
    string s = 3;
    int64 i = 4;
  }
}

message NodeDef {
  string name = 1;
  string op = 2;
  repeated string input = 3;
  string device = 4;
  map<string, AttrValue> attr = 5;
  message ExperimentalDebugInfo {
    repeated string original_node_names = 1;
    repeated string original_func_names = 2;
  }
  ExperimentalDebugInfo experimental_debug_info = 6;
  FullTypeDef experimental_type = 7;
}

message OpDef {
  string name = 1;
  message ArgDef {
    string name = 1;
    string description = 2;
    DataType type = 3;
    string type_attr = 4;
    string number_attr = 5;
    string type_list_attr = 6;
    repeated ResourceHandleProto.DtypeAndShape handle_data = 7;
    bool is_ref = 16;
    FullTypeDef experimental_full_type = 17;
  }
  repeated ArgDef input_arg = 2;
  repeated ArgDef output_arg = 3;
  repeated string control_output = 20;
  message AttrDef {
    string name = 1;
    string type = 2;
    AttrValue default_value = 3;
    string description = 4;
    bool has_minimum = 5;
    int64 minimum = 6;
    AttrValue allowed_values = 7;
  }
  repeated AttrDef attr = 4;
  OpDeprecation deprecation = 8;
  string summary = 5;
  string description = 6;
  bool is_commutative = 18;
  bool is_aggregate = 16;
  bool is_stateful = 17;
  bool allows_uninitialized_input = 19;
  bool is_distributed_communication = 21;
}

message OpDeprecation {
  int32 version = 1;
  string explanation = 2;
}

message OpList { repeated OpDef op = 1; }

message FunctionDefLibrary {
  repeated FunctionDef function = 1;
  repeated GradientDef gradient = 2;
  repeated RegisteredGradient registered_gradients = 3;
}

message FunctionDef {
  OpDef signature = 1;
  map<string, AttrValue> attr = 5;
  message ArgAttrs { map<string, AttrValue> attr = 1; }
  map<uint32, ArgAttrs> arg_attr = 7;
  map<uint32, uint32> resource_arg_unique_id = 8;
  reserved 2;
  repeated NodeDef node_def = 3;
  map<string, string> ret = 4;
  map<string, string> control_ret = 6;
}

message GradientDef {
  string function_name = 1;
  string gradient_func = 2;
}

message RegisteredGradient {
  string gradient_func = 1;
  string registered_op_type = 2;
}

message VersionDef {
  int32 producer = 1;
  int32 min_consumer = 2;
  repeated int32 bad_consumers = 3;
}

message GraphDef {
  repeated NodeDef node = 1;
  VersionDef versions = 4;
  int32 version = 3 [deprecated = true];
  FunctionDefLibrary library = 2;
  GraphDebugInfo debug_info = 5;
}
`;

// graph_debug_info.proto is proto2 in TensorFlow (explicit presence on every scalar).
const GRAPH_DEBUG_INFO = `
syntax = "proto2";
package tensorflow;

message GraphDebugInfo {
  message FileLineCol {
    optional int32 file_index = 1;
    optional int32 line = 2;
    optional int32 col = 3;
    optional string func = 4;
    optional string code = 5;
  }
  message StackTrace {
    repeated FileLineCol file_line_cols = 1;
    repeated fixed64 frame_id = 2 [packed = true];
  }
  repeated string files = 1;
  map<fixed64, FileLineCol> frames_by_id = 4;
  map<fixed64, StackTrace> traces_by_id = 6;
  map<string, StackTrace> traces = 2;
  map<string, fixed64> name_to_trace_id = 5;
}
`;

export const FRAMEWORK_PROTOS: readonly string[] = [FRAMEWORK, GRAPH_DEBUG_INFO];
