// Ops whose inputs get no gradient: comparisons and other boolean or integer results, shape queries,
// random draws, index-valued ops (TF's ops.NotDifferentiable list for the same ops).
import { notDifferentiable } from './registry.js';

for (const type of [
  'Equal', 'NotEqual', 'Greater', 'GreaterEqual', 'Less', 'LessEqual', 'LogicalNot',
  'Shape', 'Size', 'Rank', 'Range', 'BroadcastGradientArgs', 'ZerosLike', 'OnesLike', 'InvertPermutation',
  'RandomUniform', 'RandomStandardNormal', 'TruncatedNormal', 'ShapeN', 'InTopKV2', 'OneHot', 'ArgMax', 'ArgMin', 'FloorDiv',
  'Floor', 'Ceil', 'Round', 'StopGradient', 'Const', 'Placeholder', 'VariableV2', 'NoOp',
  // summaries and checkpoints (TF: summary_ops, io_ops): strings and side effects
  'ScalarSummary', 'HistogramSummary', 'ImageSummary', 'MergeSummary', 'SaveV2', 'RestoreV2', 'PlaceholderWithDefault',
]) {
  notDifferentiable(type);
}
