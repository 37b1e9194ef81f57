# The bench's TensorFlow peer for the conv net (bench/convnet.js): TF 1.15-style graph mode through
# tf.compat.v1, the Deep MNIST network at batch 50, Adam 1e-4. Prints JSON: median ms per training step,
# per forward conv of each layer, and per softmax-regression epoch (550 steps of 100).
import json, math, os, sys, time
os.environ.setdefault('TF_CPP_MIN_LOG_LEVEL', '3')
import numpy as np
import tensorflow as tf

tf.compat.v1.disable_eager_execution()
v1 = tf.compat.v1
quick = '--quick' in sys.argv
rng = np.random.default_rng(0)

def step_stats(fn):
    # bench/run.js's protocol: warm p50/p90 of consecutive steps, cold = first step after 300 ms idle.
    for _ in range(3): fn()
    warm, cold = [], []
    for _ in range(10 if quick else 30):
        t = time.perf_counter(); fn(); warm.append((time.perf_counter() - t) * 1000)
    for _ in range(3 if quick else 5):
        time.sleep(0.3)
        t = time.perf_counter(); fn(); cold.append((time.perf_counter() - t) * 1000)
    def q(xs, p):  # nearest rank, as bench/lib/measure.js's quantile
        s = sorted(xs)
        return float(s[min(len(s) - 1, max(0, math.ceil(p * len(s)) - 1))])
    return {'step_ms': q(warm, 0.5), 'step_p90_ms': q(warm, 0.9), 'step_cold_ms': q(cold, 0.5), 'step_cold_p90_ms': q(cold, 0.9)}

def median_ms(fn, n):
    for _ in range(3): fn()
    ts = []
    for _ in range(n):
        t = time.perf_counter(); fn(); ts.append((time.perf_counter() - t) * 1000)
    return float(np.median(ts))

def weight(shape): return tf.Variable(v1.truncated_normal(shape, stddev=0.1))
def bias(shape): return tf.Variable(tf.constant(0.1, shape=shape))

x = v1.placeholder(tf.float32, [None, 784]); y_ = v1.placeholder(tf.float32, [None, 10]); keep = v1.placeholder(tf.float32)
img = tf.reshape(x, [-1, 28, 28, 1])
h1 = tf.nn.max_pool2d(tf.nn.relu(tf.nn.conv2d(img, weight([5, 5, 1, 32]), 1, 'SAME') + bias([32])), 2, 2, 'SAME')
h2 = tf.nn.max_pool2d(tf.nn.relu(tf.nn.conv2d(h1, weight([5, 5, 32, 64]), 1, 'SAME') + bias([64])), 2, 2, 'SAME')
fc = tf.nn.relu(tf.matmul(tf.reshape(h2, [-1, 3136]), weight([3136, 1024])) + bias([1024]))
y = tf.matmul(v1.nn.dropout(fc, rate=1 - keep), weight([1024, 10])) + bias([10])
loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels=y_, logits=y))
train = v1.train.AdamOptimizer(1e-4).minimize(loss)
W = tf.Variable(tf.zeros([784, 10])); b = tf.Variable(tf.zeros([10]))
sm_loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels=y_, logits=tf.matmul(x, W) + b))
sm_train = v1.train.GradientDescentOptimizer(0.5).minimize(sm_loss)
# The two layers alone, fed (so nothing is folded), forward and both gradients.
layers = {}
for name, xs, fs in [('conv1', [50, 28, 28, 1], [5, 5, 1, 32]), ('conv2', [50, 14, 14, 32], [5, 5, 32, 64])]:
    i, f = v1.placeholder(tf.float32, xs), v1.placeholder(tf.float32, fs)
    c = tf.nn.conv2d(i, f, 1, 'SAME')
    dy = v1.placeholder(tf.float32, c.shape)
    gi, gf = tf.gradients(c, [i, f], grad_ys=dy)
    feed_l = {i: rng.standard_normal(xs).astype(np.float32), f: rng.standard_normal(fs).astype(np.float32), dy: rng.standard_normal(c.shape).astype(np.float32)}
    layers[name] = (c, gi, gf, feed_l)

sess = v1.Session(config=v1.ConfigProto(intra_op_parallelism_threads=int(os.environ.get('BENCH_THREADS', '2')), inter_op_parallelism_threads=1))
sess.run(v1.global_variables_initializer())
bx = rng.random([50, 784], dtype=np.float32); by = np.eye(10, dtype=np.float32)[rng.integers(0, 10, 50)]
feed = {x: bx, y_: by, keep: 0.5}
sx = rng.random([100, 784], dtype=np.float32); sy = np.eye(10, dtype=np.float32)[rng.integers(0, 10, 100)]
out = {
  'version': tf.__version__,
  **step_stats(lambda: sess.run(train, feed)),
  **{f'{name}_{k}_ms': median_ms(lambda t=t, fd=fd: sess.run(t.op, fd), 20 if quick else 60)
     for name, (c, gi, gf, fd) in layers.items() for k, t in [('fwd', c), ('bwd_input', gi), ('bwd_filter', gf)]},
  'softmax_epoch_ms': median_ms(lambda: [sess.run(sm_train, {x: sx, y_: sy}) for _ in range(550)], 1 if quick else 3),
}
print(json.dumps(out))
