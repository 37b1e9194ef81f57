# TensorFlow as the oracle for tf.nn (test/nn-tf-oracle.test.ts): reads cases as JSON on stdin, prints each
# case's outputs and input gradients (for the upstream gradient given) as JSON. Eager TF 2, float32.
import json, os, sys
os.environ.setdefault('TF_CPP_MIN_LOG_LEVEL', '3')
import numpy as np
import tensorflow as tf

def arr(v):
    return tf.constant(np.array(v['data'], dtype=np.float32).reshape(v['shape']))

def run(case):
    kind, a = case['kind'], case['args']
    xs = [tf.Variable(arr(v)) for v in case['inputs']]
    with tf.GradientTape() as tape:
        if kind == 'conv2d':
            y = tf.nn.conv2d(xs[0], xs[1], a['strides'], a['padding'], dilations=a['dilations'])
        elif kind == 'maxPool':
            y = tf.nn.max_pool2d(xs[0], a['ksize'], a['strides'], a['padding'])
        elif kind == 'avgPool':
            y = tf.nn.avg_pool2d(xs[0], a['ksize'], a['strides'], a['padding'])
        elif kind == 'biasAdd':
            y = tf.nn.bias_add(xs[0], xs[1])
        elif kind == 'xent':
            y = tf.nn.softmax_cross_entropy_with_logits(labels=xs[1], logits=xs[0])
        elif kind == 'sparseXent':
            y = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=tf.constant(a['labels'], tf.int32), logits=xs[0])
        elif kind == 'logSoftmax':
            y = tf.nn.log_softmax(xs[0])
        elif kind == 'l2Loss':
            y = tf.nn.l2_loss(xs[0])
        else:
            raise ValueError(kind)
        dy = tf.constant(np.array(case['dy']['data'], dtype=np.float32).reshape(y.shape))
        total = tf.reduce_sum(y * dy)
    grads = tape.gradient(total, xs)
    out = lambda t: {'shape': list(t.shape), 'data': t.numpy().reshape(-1).tolist()}
    return {'y': out(y), 'grads': [out(g) for g in grads]}

print(json.dumps([run(c) for c in json.load(sys.stdin)]))
