# TensorFlow (and TensorBoard, when importable) as the oracle for tensorshell's interop files
# (test/io-tf-interop.test.ts). Reads a JSON request on stdin, prints one JSON report on stdout:
#  - "ours":   what TF's own readers make of the event file, GraphDefs and checkpoint tensorshell wrote;
#  - "same":   the summaries TF computes from the same inputs (bytes, base64) and TF's GraphDef of the same model;
#  - "theirs": the checkpoint, GraphDefs and event file TF writes for tensorshell to read, with what TF says
#              they hold.
# Graph mode throughout (tf.Graph().as_default()), RefVariables (VariableV2) as TF 1.15 makes them.
import base64, glob, json, os, sys, traceback
os.environ.setdefault('TF_CPP_MIN_LOG_LEVEL', '3')
import numpy as np
import tensorflow as tf

v1 = tf.compat.v1
req = json.load(sys.stdin)


def b64(b):
    return base64.b64encode(bytes(b)).decode('ascii')


def unb64(s):
    return base64.b64decode(s)


def error_of(fn):
    """fn()'s value, or {'error': 'Type: message'} so one failure does not hide the others."""
    try:
        return fn()
    except Exception as e:  # noqa: BLE001 - every failure is reported to the test
        return {'error': f'{type(e).__name__}: {e}', 'trace': traceback.format_exc()[-2000:]}


def floats(a):
    return [float(v) for v in np.asarray(a, dtype=np.float64).reshape(-1)]


_png = {}


def decode_png(data):
    # One small graph of its own, so it works inside any `with graph.as_default()`.
    if not _png:
        g = tf.Graph()
        with g.as_default():
            _png['in'] = v1.placeholder(tf.string, [])
            _png['out'] = tf.io.decode_png(_png['in'])
        _png['sess'] = v1.Session(graph=g)
    px = _png['sess'].run(_png['out'], {_png['in']: data})
    return {'shape': list(px.shape), 'pixels': [int(v) for v in px.reshape(-1)]}


def summary_value(v):
    out = {'tag': v.tag}
    kind = v.WhichOneof('value')
    out['kind'] = kind
    if kind == 'simple_value':
        out['simple_value'] = v.simple_value
    elif kind == 'histo':
        h = v.histo
        out['histo'] = {'min': h.min, 'max': h.max, 'num': h.num, 'sum': h.sum, 'sum_squares': h.sum_squares,
                        'bucket_limit': list(h.bucket_limit), 'bucket': list(h.bucket)}
    elif kind == 'image':
        im = v.image
        out['image'] = {'height': im.height, 'width': im.width, 'colorspace': im.colorspace,
                        'png_signature': im.encoded_image_string[:8] == b'\x89PNG\r\n\x1a\n',
                        **decode_png(im.encoded_image_string)}
    return out


def summary_of(data):
    s = v1.Summary.FromString(data)
    return [summary_value(v) for v in s.value]


def event_of(e):
    out = {'wall_time': e.wall_time, 'step': int(e.step), 'what': e.WhichOneof('what')}
    if out['what'] == 'file_version':
        out['file_version'] = e.file_version
    elif out['what'] == 'graph_def':
        g = v1.GraphDef.FromString(e.graph_def)
        out['graph_def'] = {'nodes': [n.name for n in g.node], 'ops': [n.op for n in g.node], 'producer': g.versions.producer}
    elif out['what'] == 'summary':
        out['summary'] = [summary_value(v) for v in e.summary.value]
    return out


def read_events(path):
    return [event_of(e) for e in v1.train.summary_iterator(path)]


def accumulate(logdir):
    try:
        from tensorboard.backend.event_processing import event_accumulator as ea
    except Exception as e:  # noqa: BLE001
        return {'skipped': f'tensorboard is not importable: {type(e).__name__}: {e}'}
    acc = ea.EventAccumulator(logdir, size_guidance={ea.SCALARS: 0, ea.HISTOGRAMS: 0, ea.IMAGES: 0})
    acc.Reload()
    tags = acc.Tags()
    out = {'tags': {k: (sorted(v) if isinstance(v, list) else v) for k, v in tags.items()}}
    out['scalars'] = {t: [[s.step, s.value] for s in acc.Scalars(t)] for t in tags.get('scalars', [])}
    out['histograms'] = {t: [[h.step, h.histogram_value.num, h.histogram_value.min, h.histogram_value.max]
                             for h in acc.Histograms(t)] for t in tags.get('histograms', [])}
    out['images'] = {t: [[im.step, im.width, im.height] for im in acc.Images(t)] for t in tags.get('images', [])}
    out['graph_nodes'] = error_of(lambda: len(acc.Graph().node))
    return out


def node_summary(g):
    from google.protobuf import text_format
    return [{'name': n.name, 'op': n.op, 'input': list(n.input), 'device': n.device,
             'attr': {k: text_format.MessageToString(n.attr[k], as_one_line=True) for k in sorted(n.attr.keys())}}
            for n in g.node]


def parse_text_graph(data):
    from google.protobuf import text_format
    return text_format.Parse(data.decode('utf-8'), v1.GraphDef())


def varint(n):
    out = bytearray()
    while True:
        b = n & 0x7f
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def ld(field, data):
    return varint(field << 3 | 2) + varint(len(data)) + data


def canonical_graph_bytes(g):
    """The GraphDef as protobuf C++'s deterministic serializer writes it: fields in number order, map entries
    (NodeDef.attr) in ascending byte order of their keys, key and value both written. Python's upb runtime
    orders map entries differently (its string-key map sorter is broken: protocolbuffers/protobuf#26621), so
    SerializeToString(deterministic=True) is no reference here."""
    out = bytearray()
    for n in g.node:
        head = v1.NodeDef()
        head.CopyFrom(n)
        head.ClearField('attr')
        tail = v1.NodeDef()
        for f in ('experimental_debug_info', 'experimental_type'):
            if n.HasField(f):
                getattr(tail, f).CopyFrom(getattr(n, f))
                head.ClearField(f)
        body = head.SerializeToString(deterministic=True)
        for k in sorted(n.attr.keys(), key=lambda k: k.encode('utf-8')):
            body += ld(5, ld(1, k.encode('utf-8')) + ld(2, n.attr[k].SerializeToString(deterministic=True)))
        body += tail.SerializeToString(deterministic=True)
        out += ld(1, body)
    rest = v1.GraphDef()
    rest.CopyFrom(g)
    rest.ClearField('node')
    return bytes(out) + rest.SerializeToString(deterministic=True)


def graph_files(pbtxt, pb, scratch):
    """Our two GraphDef files as TF sees them: the same message? and our text as tf.io.write_graph writes it."""
    text = open(pbtxt, 'rb').read()
    from_text = parse_text_graph(text)
    from_pb = v1.GraphDef.FromString(open(pb, 'rb').read())
    tf.io.write_graph(from_text, scratch, 'rewritten.pbtxt', as_text=True)
    rewritten = open(os.path.join(scratch, 'rewritten.pbtxt'), 'rb').read()
    return {'text_equals_pb': from_text == from_pb, 'rewritten_text': rewritten.decode('utf-8'),
            'pb_canonical_equal': canonical_graph_bytes(from_pb) == open(pb, 'rb').read(),
            'pb_upb_deterministic_equal': from_pb.SerializeToString(deterministic=True) == open(pb, 'rb').read(),
            'nodes': node_summary(from_pb)}


def import_and_run(data, binary, x, init_name):
    def go():
        gd = v1.GraphDef.FromString(data) if binary else parse_text_graph(data)
        g = tf.Graph()
        with g.as_default():
            v1.import_graph_def(gd, name='import')
            with v1.Session(graph=g) as sess:
                ops = {o.name for o in g.get_operations()}
                ran_init = False
                if f'import/{init_name}' in ops:
                    sess.run(f'import/{init_name}')
                    ran_init = True
                y = sess.run('import/y:0', {'import/x:0': np.array(x, np.float32)})
                loss = sess.run('import/loss:0', {'import/x:0': np.array(x, np.float32)})
                merged = None
                if 'import/Merge/MergeSummary' in ops:
                    merged = b64(sess.run('import/Merge/MergeSummary:0', {'import/x:0': np.array(x, np.float32)}))
                return {'ran_init': ran_init, 'y': floats(y), 'y_shape': list(y.shape), 'loss': float(loss),
                        'nodes': len(gd.node), 'merged': merged}
    return error_of(go)


def read_checkpoint(prefix, d):
    def go():
        r = tf.train.load_checkpoint(prefix)
        shapes = r.get_variable_to_shape_map()
        dtypes = r.get_variable_to_dtype_map()
        return {'latest': tf.train.latest_checkpoint(d),
                'vars': {n: {'shape': list(shapes[n]), 'dtype': dtypes[n].name, 'values': floats(r.get_tensor(n))}
                         for n in sorted(shapes)},
                'list_variables': [[n, list(s)] for n, s in tf.train.list_variables(prefix)]}
    return error_of(go)


def arr(v, dtype=np.float32):
    if 'f32' in v and dtype == np.float32:  # the exact float32 bits (JSON has no -0)
        return np.frombuffer(unb64(v['f32']), dtype='<f4').astype(np.float32).reshape(v['shape'])
    return np.array(v['data'], dtype=dtype).reshape(v['shape'])


# ---- the same model and summaries, built by TF --------------------------------------------------------------
def same_model():
    m = req['model']
    g = tf.Graph()
    with g.as_default():
        x = v1.placeholder(tf.float32, [None, 2], name='x')
        W = v1.Variable(arr(m['W']), name='W', use_resource=False)
        b = v1.Variable(arr(m['b']), name='b', use_resource=False)
        y = tf.nn.relu(tf.add(tf.matmul(x, W), b), name='y')
        loss = tf.reduce_sum(y, name='loss')
        s_loss = v1.summary.scalar('loss', loss)
        s_w = v1.summary.histogram('W', W)
        img = tf.constant(arr(m['img']), name='img')
        s_img = v1.summary.image('img', img)
        big = tf.constant(arr(m['big']), name='big')
        s_big = v1.summary.histogram('big', big)
        merged = v1.summary.merge_all()
        init = v1.global_variables_initializer()
        steps = []
        with v1.Session(graph=g) as sess:
            sess.run(init)
            for st in req['steps']:
                # loss is fed with our value, so the scalar's bytes depend on the summary op alone, not on
                # how either side rounds the matmul; TF's own loss is reported next to it.
                feed = {x: arr(st['x']), loss: np.float32(st['loss'])}
                own_loss = sess.run(loss, {x: arr(st['x'])})
                vals = sess.run([s_loss, s_w, s_img, s_big, merged], feed)
                steps.append({'own_loss': float(own_loss), 'scalar': b64(vals[0]), 'histogram': b64(vals[1]),
                              'image': summary_of(vals[2]), 'image_bytes': b64(vals[2]), 'big': b64(vals[3]),
                              'merged': b64(vals[4]), 'merged_parsed': summary_of(vals[4])})
        names = {'scalar': s_loss.op.name, 'histogram': s_w.op.name, 'image': s_img.op.name, 'big': s_big.op.name,
                 'merged': merged.op.name, 'init': init.name}
        return {'steps': steps, 'names': names, 'graph': node_summary(g.as_graph_def())}


def parse_ours():
    return [{'scalar': summary_of(unb64(s['scalar'])), 'histogram': summary_of(unb64(s['histogram'])),
             'image': summary_of(unb64(s['image'])), 'big': summary_of(unb64(s['big'])),
             'merged': summary_of(unb64(s['merged']))} for s in req['steps']]


# ---- what TF writes for us ----------------------------------------------------------------------------------
def write_theirs():
    t = req['theirs']
    d = t['dir']
    g = tf.Graph()
    with g.as_default():
        x = v1.placeholder(tf.float32, [None, 2], name='x')
        W = v1.Variable(arr(t['W']), name='W', use_resource=False)
        b = v1.Variable(arr(t['b']), name='b', use_resource=False)
        counter = v1.Variable(np.int32(t['counter']), name='counter', use_resource=False)
        y = tf.nn.relu(tf.add(tf.matmul(x, W), b), name='y')
        loss = tf.reduce_sum(y, name='loss')
        s_loss = v1.summary.scalar('loss', loss)
        s_w = v1.summary.histogram('W', W)
        s_img = v1.summary.image('img', tf.constant(arr(t['img']), name='img'), max_outputs=2)
        merged = v1.summary.merge_all()
        init = v1.global_variables_initializer()
        xv = arr(t['x'])
        # The GraphDef a model without a Saver has, then (below) the one with the Saver's save/ ops.
        gd = g.as_graph_def()
        tf.io.write_graph(gd, d, 'tf.pbtxt', as_text=True)
        tf.io.write_graph(gd, d, 'tf.pb', as_text=False)
        saver = v1.train.Saver()
        tf.io.write_graph(g.as_graph_def(), d, 'tf-with-saver.pbtxt', as_text=True)
        with v1.Session(graph=g) as sess:
            sess.run(init)
            y_init, loss_init = sess.run([y, loss], {x: xv})
            # Values the variables never started with, so a restore that read initial values would show.
            sess.run([W.assign(arr(t['W_saved'])), b.assign(arr(t['b_saved'])), counter.assign(np.int32(t['counter_saved']))])
            prefix = saver.save(sess, os.path.join(d, 'model'), global_step=3)
            yv, lv = sess.run([y, loss], {x: xv})
            wv, bv, cv = sess.run([W, b, counter])
            logdir = os.path.join(d, 'logs')
            writer = v1.summary.FileWriter(logdir, g)
            for step in range(3):
                writer.add_summary(sess.run(merged, {x: xv * (step + 1)}), step)
            writer.close()
        events_file = sorted(glob.glob(os.path.join(logdir, 'events.out.tfevents.*')))[-1]
        return {'prefix': prefix, 'pbtxt': os.path.join(d, 'tf.pbtxt'), 'pb': os.path.join(d, 'tf.pb'),
                'with_saver': os.path.join(d, 'tf-with-saver.pbtxt'), 'events_file': events_file,
                'y': floats(yv), 'y_shape': list(yv.shape), 'loss': float(lv),
                'y_init': floats(y_init), 'loss_init': float(loss_init),
                'vars': {'W': floats(wv), 'b': floats(bv), 'counter': int(cv)},
                'events': read_events(events_file),
                'ops': sorted({n.op for n in gd.node})}


def main():
    o = req['ours']
    report = {'tf_version': tf.__version__}
    report['ours'] = {
        'events': error_of(lambda: read_events(o['events_file'])),
        'accumulator': error_of(lambda: accumulate(o['logdir'])),
        'pbtxt': import_and_run(open(o['pbtxt'], 'rb').read(), False, req['x_eval'], 'init'),
        'pb': import_and_run(open(o['pb'], 'rb').read(), True, req['x_eval'], 'init'),
        'checkpoint': read_checkpoint(o['prefix'], o['ckpt_dir']),
        'graph_files': error_of(lambda: graph_files(o['pbtxt'], o['pb'], o['scratch'])),
        'parsed': error_of(parse_ours),
    }
    report['same'] = error_of(same_model)
    report['theirs'] = error_of(write_theirs)
    json.dump(report, sys.stdout)


main()
