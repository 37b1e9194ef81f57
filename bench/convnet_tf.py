# The bench's TensorFlow peer for the conv net (bench/convnet.js): TF 1.15-style graph mode through
# tf.compat.v1, the Deep MNIST network at batch 50, Adam 1e-4. Prints JSON: median ms per training step,
# per forward conv of each layer, and per softmax-regression epoch (550 steps of 100).
import json, os, sys, time
os.environ.setdefault('TF_CPP_MIN_LOG_LEVEL', '3')
import numpy as np
import tensorflow as tf

tf.compat.v1.disable_eager_execution()
v1 = tf.compat.v1
quick = '--quick' in sys.argv
rng = np.random.default_rng(0)

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
c1 = tf.nn.conv2d(v1.placeholder_with_default(np.zeros([50, 28, 28, 1], np.float32), [50, 28, 28, 1]), tf.constant(rng.standard_normal([5, 5, 1, 32]).astype(np.float32)), 1, 'SAME')
c2in = tf.constant(rng.standard_normal([50, 14, 14, 32]).astype(np.float32))
c2 = tf.nn.conv2d(c2in, tf.constant(rng.standard_normal([5, 5, 32, 64]).astype(np.float32)), 1, 'SAME')

sess = v1.Session(config=v1.ConfigProto(intra_op_parallelism_threads=int(os.environ.get('BENCH_THREADS', '2')), inter_op_parallelism_threads=1))
sess.run(v1.global_variables_initializer())
bx = rng.random([50, 784], dtype=np.float32); by = np.eye(10, dtype=np.float32)[rng.integers(0, 10, 50)]
feed = {x: bx, y_: by, keep: 0.5}
sx = rng.random([100, 784], dtype=np.float32); sy = np.eye(10, dtype=np.float32)[rng.integers(0, 10, 100)]
out = {
  'version': tf.__version__,
  'step_ms': median_ms(lambda: sess.run(train, feed), 10 if quick else 30),
  'conv1_ms': median_ms(lambda: sess.run(c1.op), 20 if quick else 60),
  'conv2_ms': median_ms(lambda: sess.run(c2.op), 20 if quick else 60),
  'softmax_epoch_ms': median_ms(lambda: [sess.run(sm_train, {x: sx, y_: sy}) for _ in range(550)], 1 if quick else 3),
}
print(json.dumps(out))
