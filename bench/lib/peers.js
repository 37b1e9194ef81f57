// The Python peers, each in its own process with the cases of bench/cases.js's names: numpy through
// python3 (OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset in that command only, so OpenBLAS picks its own
// kernel for this CPU) and TensorFlow through $TENSORSHELL_TF_PYTHON, else python3, where it imports.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const script = (name) => fileURLToPath(new URL(`../peers/${name}`, import.meta.url));
const OPENBLAS_VARS = ['OPENBLAS_CORETYPE', 'OPENBLAS_L2_SIZE'];

function runPeer(python, file, names, opts, env) {
  const r = spawnSync(python, [script(file), JSON.stringify({ cases: names, opts })], {
    env, encoding: 'utf8', maxBuffer: 1 << 28, timeout: 30 * 60 * 1000,
  });
  const last = r.stdout?.trim().split('\n').pop() ?? '';
  if (r.status !== 0 || !last.startsWith('{')) {
    const why = r.error?.message ?? r.stderr?.trim().split('\n').pop() ?? `exit ${r.status}`;
    return { skipped: `${python} ${file}: ${why}` };
  }
  return JSON.parse(last);
}

/** numpy's samples; `note` says which OpenBLAS variables were unset for it. */
export function numpyPeer(names, opts) {
  const env = { ...process.env };
  const unset = OPENBLAS_VARS.filter((k) => k in env).map((k) => `${k}=${env[k]}`);
  for (const k of OPENBLAS_VARS) delete env[k];
  const note = `numpy via python3 with ${OPENBLAS_VARS.join(' and ')} unset in that command only` +
    (unset.length ? ` (this shell has ${unset.join(', ')})` : ' (neither was set)');
  const r = runPeer('python3', 'numpy_peer.py', names, opts, env);
  if (r.skipped) r.skipped = `no numpy in python3 (${r.skipped})`;
  return { ...r, note };
}

/** TensorFlow's samples, or why there are none. */
export function tensorflowPeer(names, opts) {
  const python = process.env.TENSORSHELL_TF_PYTHON ?? 'python3';
  const r = runPeer(python, 'tf_peer.py', names, opts, { ...process.env, TF_CPP_MIN_LOG_LEVEL: '3' });
  if (r.skipped) r.skipped = `no TensorFlow in ${python} (set TENSORSHELL_TF_PYTHON to a Python that has it)`;
  return r;
}
