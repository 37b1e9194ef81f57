// Build-time probes for binding.gyp, which calls `node native/build-config.mjs <what>` and reads
// one line from stdout:
//   simd      "avx2" when this CPU has AVX2 and FMA (TENSORSHELL_SIMD=portable|avx2 overrides), else "portable"
//   nvcc      absolute path of a usable nvcc, or "" (TENSORSHELL_CUDA=0 forces "")
//   cuda-lib  the directory holding libcudart_static.a for that nvcc
// Notes for the person building go to stderr, which node-gyp shows.
import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import process from 'node:process';

function note(message) {
  process.stderr.write(`tensorshell: ${message}\n`);
}

function cpuHasAvx2Fma() {
  if (process.arch !== 'x64') return false;
  try {
    if (process.platform === 'linux') {
      const flags = readFileSync('/proc/cpuinfo', 'utf8').match(/^flags\s*:(.*)$/m)?.[1] ?? '';
      const set = new Set(flags.trim().split(/\s+/));
      return set.has('avx2') && set.has('fma');
    }
    if (process.platform === 'darwin') {
      const sysctl = (key) => execFileSync('sysctl', ['-n', key], { encoding: 'utf8' });
      return /\bAVX2\b/.test(sysctl('machdep.cpu.leaf7_features')) &&
        /\bFMA\b/.test(sysctl('machdep.cpu.features'));
    }
  } catch {
    // An unreadable CPU description means we cannot promise AVX2: build portable code.
  }
  return false;
}

function simd() {
  const forced = process.env.TENSORSHELL_SIMD;
  if (forced === 'portable' || forced === 'avx2') return forced;
  if (forced) note(`ignoring TENSORSHELL_SIMD=${forced} (expected "portable" or "avx2")`);
  return cpuHasAvx2Fma() ? 'avx2' : 'portable';
}

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function findNvcc() {
  if (process.env.TENSORSHELL_CUDA === '0') return '';
  const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const root of [process.env.CUDA_HOME, process.env.CUDA_PATH, '/usr/local/cuda']) {
    if (root) dirs.push(join(root, 'bin'));
  }
  return dirs.map((dir) => join(dir, 'nvcc')).find(isExecutable) ?? '';
}

// nvcc knows where its own libraries are, even when the nvcc on PATH is a wrapper script; its
// dry run (printed on stderr) lists them.
function cudaLibDir(nvcc) {
  const dry = spawnSync(nvcc, ['--dryrun', '-c', '-x', 'cu', '/dev/null', '-o', '/dev/null'], {
    encoding: 'utf8',
  });
  const line = `${dry.stdout ?? ''}\n${dry.stderr ?? ''}`.split('\n').find((l) => l.includes('LIBRARIES=')) ?? '';
  for (const [, dir] of line.matchAll(/-L"?([^"\s]+)"?/g)) {
    if (existsSync(join(dir, 'libcudart_static.a'))) return resolve(dir);
  }
  for (const dir of ['/usr/local/cuda/lib64', '/usr/local/cuda/lib']) {
    if (existsSync(join(dir, 'libcudart_static.a'))) return dir;
  }
  return '';
}

function nvccIfUsable() {
  const nvcc = findNvcc();
  if (!nvcc) {
    if (process.env.TENSORSHELL_CUDA !== '0') note('nvcc not found: building without CUDA');
    return '';
  }
  if (!cudaLibDir(nvcc)) {
    note(`${nvcc} found but libcudart_static.a is missing: building without CUDA`);
    return '';
  }
  return nvcc;
}

const what = process.argv[2];
if (what === 'simd') {
  console.log(simd());
} else if (what === 'nvcc') {
  console.log(nvccIfUsable());
} else if (what === 'cuda-lib') {
  const nvcc = findNvcc();
  console.log(nvcc ? cudaLibDir(nvcc) : '');
} else {
  note(`unknown probe "${what}" (expected simd, nvcc or cuda-lib)`);
  process.exit(1);
}
