# The numpy peer of bench/run.js (run by python3 with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset, so
# OpenBLAS picks its kernel for this CPU). Same cases and timing protocol as ours; prints JSON.
import ctypes, glob, os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import numpy as np
from protocol import main

rng = np.random.default_rng(0)
N16M = 16 * 1024 * 1024


def matmul(n):
    def make():
        a = rng.random((n, n), dtype=np.float32) - 0.5
        b = rng.random((n, n), dtype=np.float32) - 0.5
        return lambda: a @ b
    return make, 1


def add():
    a, b = rng.random(N16M, dtype=np.float32), rng.random(N16M, dtype=np.float32)
    return lambda: a + b


def reduce_sum():
    a = rng.random(N16M, dtype=np.float32)
    return lambda: a.sum()


def scalar_mul():
    a, b = np.float32(0.8), np.float32(1.0)
    return lambda: a * b


def add100():
    a, b = rng.random(100, dtype=np.float32), rng.random(100, dtype=np.float32)
    return lambda: a + b


# The simplest neuron by hand: forward, the hand-derived gradient of (w*x)^2, the SGD update.
def neuron_step():
    state = {'w': np.float32(0.8)}
    x, lr, two = np.float32(1.0), np.float32(0.025), np.float32(2)

    def step():
        w = state['w']
        y = w * x
        state['w'] = w - lr * (two * y * x)
    return step


def openblas():
    """OpenBLAS's configuration and the kernel it chose, read from the library numpy loaded."""
    here = os.path.dirname(np.__file__)
    for lib in glob.glob(os.path.join(os.path.dirname(here), '*', '*openblas*.so*')) + \
            glob.glob(os.path.join(os.path.dirname(here), '*', 'lib', '*openblas*.so*')):
        try:
            so = ctypes.CDLL(lib)
        except OSError:
            continue
        info = {}
        for key, names in [('config', ['scipy_openblas_get_config64_', 'openblas_get_config64_', 'openblas_get_config']),
                           ('corename', ['scipy_openblas_get_corename64_', 'openblas_get_corename64_', 'openblas_get_corename'])]:
            for name in names:
                if hasattr(so, name):
                    f = getattr(so, name)
                    f.restype = ctypes.c_char_p
                    info[key] = f().decode()
                    break
        for name in ['scipy_openblas_get_num_threads64_', 'openblas_get_num_threads64_', 'openblas_get_num_threads']:
            if hasattr(so, name):
                info['threads'] = getattr(so, name)()
                break
        if info:
            return info
    return {}


cases = {f'matmul {n}': matmul(n) for n in (64, 128, 256, 512, 1024, 2048, 4096)}
cases.update({'add 16M': (add, 1), 'reduceSum 16M': (reduce_sum, 1), 'eager scalar mul': (scalar_mul, 1000),
              'eager add 100': (add100, 1000), 'neuron SGD step': (neuron_step, 100)})
main(cases, lambda: {'peer': 'numpy', 'version': np.__version__, 'openblas': openblas(),
                     'env': {k: os.environ.get(k) for k in ('OPENBLAS_CORETYPE', 'OPENBLAS_L2_SIZE', 'OPENBLAS_NUM_THREADS')}})
