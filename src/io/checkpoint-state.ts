// The `checkpoint` file beside a model's checkpoints (training/checkpoint_management.py): a CheckpointState
// text proto naming the latest and the kept checkpoints. Paths are written relative to that directory
// (TF's save_relative_paths), so the directory can be moved; absolute ones are read as they are.
import fs from 'node:fs';
import path from 'node:path';
import { bundleExists } from './bundle.js';
import { writeAtomic } from './files.js';
import { parseText, printText } from './text-format.js';

export interface CheckpointState {
  model_checkpoint_path: string;
  all_model_checkpoint_paths: string[];
}

/** get_checkpoint_state: the state in `dir` (paths made absolute or dir-relative), or null when none. */
export function getCheckpointState(dir: string, latestFilename = 'checkpoint'): CheckpointState | null {
  const file = path.join(dir, latestFilename);
  if (!fs.existsSync(file)) return null;
  const proto = parseText('tensorflow.CheckpointState', fs.readFileSync(file, 'utf8')) as { model_checkpoint_path?: string; all_model_checkpoint_paths?: string[] };
  if (!proto.model_checkpoint_path) return null;
  const full = (p: string) => (path.isAbsolute(p) ? p : path.join(dir, p));
  return { model_checkpoint_path: full(proto.model_checkpoint_path), all_model_checkpoint_paths: (proto.all_model_checkpoint_paths ?? []).map(full) };
}

/** Writes the state file atomically: the old one or the new one, never half of either. */
export function updateCheckpointState(dir: string, latest: string, all: readonly string[], latestFilename = 'checkpoint'): void {
  const rel = (p: string) => (path.resolve(path.dirname(p)) === path.resolve(dir) ? path.basename(p) : p);
  const text = printText('tensorflow.CheckpointState', { model_checkpoint_path: rel(latest), all_model_checkpoint_paths: all.map(rel) });
  writeAtomic(path.join(dir, latestFilename), text);
}

/** tf.train.latest_checkpoint: the newest checkpoint's prefix in `dir`, or null (also when its files are gone). */
export function latestCheckpoint(dir: string, latestFilename = 'checkpoint'): string | null {
  const state = getCheckpointState(dir, latestFilename);
  if (state === null) return null;
  return bundleExists(state.model_checkpoint_path) ? state.model_checkpoint_path : null;
}
