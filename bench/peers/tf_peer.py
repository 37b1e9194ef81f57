# The TensorFlow peer of bench/run.js: run by $TENSORSHELL_TF_PYTHON (else python3) where
# `import tensorflow` works. Eager cases through TF 2's eager API, the neuron's graph-mode cases through
# tf.compat.v1 inside a Graph (no global switch, so both run in one process). Prints JSON.
import os, sys
os.environ.setdefault('TF_CPP_MIN_LOG_LEVEL', '3')
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import numpy as np
import tensorflow as tf
from protocol import main

v1 = tf.compat.v1
rng = np.random.default_rng(0)
N16M = 16 * 1024 * 1024


def matmul(n):
    def make():
        a = tf.constant(rng.random((n, n), dtype=np.float32) - 0.5)
        b = tf.constant(rng.random((n, n), dtype=np.float32) - 0.5)
        return lambda: tf.matmul(a, b).numpy()
    return make, 1


def add():
    a, b = tf.constant(rng.random(N16M, dtype=np.float32)), tf.constant(rng.random(N16M, dtype=np.float32))
    return lambda: tf.add(a, b).numpy()


def reduce_sum():
    a = tf.constant(rng.random(N16M, dtype=np.float32))
    return lambda: tf.reduce_sum(a).numpy()


def scalar_mul():
    a, b = tf.constant(0.8), tf.constant(1.0)
    return lambda: tf.multiply(a, b)


def add100():
    a, b = tf.constant(rng.random(100, dtype=np.float32)), tf.constant(rng.random(100, dtype=np.float32))
    return lambda: tf.add(a, b)


# Eager: GradientTape records loss = (w*x - 0)^2, then SGD applies the gradient.
def tape_step():
    w, x = tf.Variable(0.8), tf.constant(1.0)
    opt = tf.keras.optimizers.SGD(0.025) if hasattr(tf, 'keras') else None

    def step():
        with tf.GradientTape() as tape:
            loss = tf.pow(w * x - 0.0, 2)
        g = tape.gradient(loss, w)
        if opt is not None:
            opt.apply_gradients([(g, w)])
        else:
            w.assign_sub(0.025 * g)
    return step


def graph_session(build):
    """A TF 1.x graph in its own Graph, so eager mode stays on for the other cases."""
    graph = tf.Graph()
    with graph.as_default():
        train = build()
        sess = v1.Session(graph=graph)
        sess.run(v1.global_variables_initializer())
    return lambda: sess.run(train)


def sgd_step():
    def build():
        x, w = tf.constant(1.0), v1.Variable(0.8)
        grad = 2.0 * (w * x) * x
        return v1.assign_sub(w, 0.025 * grad)
    return graph_session(build)


def minimize_step():
    def build():
        x, w = tf.constant(1.0), v1.Variable(0.8)
        return v1.train.GradientDescentOptimizer(0.025).minimize(tf.pow(w * x - 0.0, 2))
    return graph_session(build)


cases = {f'matmul {n}': matmul(n) for n in (64, 128, 256, 512, 1024, 2048, 4096)}
cases.update({'add 16M': (add, 1), 'reduceSum 16M': (reduce_sum, 1), 'eager scalar mul': (scalar_mul, 100), 'eager add 100': (add100, 100),
              'neuron SGD step': (sgd_step, 100), 'neuron minimize': (minimize_step, 100),
              'neuron tape step': (tape_step, 10)})
main(cases, lambda: {'peer': 'tensorflow', 'version': tf.__version__,
                     'intraOpThreads': tf.config.threading.get_intra_op_parallelism_threads() or 'default (all cores)'})
