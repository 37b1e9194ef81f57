# The bench's timing protocol on the Python side, the same as bench/lib/measure.js: warm-up, then
# consecutive warm samples (each the mean of `inner` calls), then cold samples (one call each after
# 300 ms of sleep). Returns raw seconds per call; bench/run.js computes p50/p90 for every peer alike.
import json, sys, time

IDLE_S = 0.3


def measure(fn, opts):
    inner = opts.get('inner', 1)
    warm_calls, max_warm_s, cold_calls = opts['warmCalls'], opts['maxWarmS'], opts['coldCalls']
    t_end = time.perf_counter() + opts['warmupS']
    n = 0
    while n < 3 or time.perf_counter() < t_end:
        fn()
        n += 1
    warm = []
    t_stop = time.perf_counter() + max_warm_s
    while len(warm) < warm_calls and (len(warm) < 10 or time.perf_counter() < t_stop):
        t0 = time.perf_counter()
        for _ in range(inner):
            fn()
        warm.append((time.perf_counter() - t0) / inner)
    cold = []
    for _ in range(cold_calls):
        time.sleep(IDLE_S)
        t0 = time.perf_counter()
        fn()
        cold.append(time.perf_counter() - t0)
    return {'warm': warm, 'cold': cold}


def main(cases, meta):
    """cases: name -> (setup() -> fn, inner). argv[1] is the JSON request {cases: [...], opts: {...}}."""
    req = json.loads(sys.argv[1])
    out = {'meta': meta(), 'cases': {}}
    for name in req['cases']:
        if name not in cases:
            continue
        make, inner = cases[name]
        try:
            fn = make()
            out['cases'][name] = measure(fn, {**req['opts'], 'inner': inner})
        except Exception as e:  # one failing case must not hide the others
            out['cases'][name] = {'error': f'{type(e).__name__}: {e}'}
    print(json.dumps(out))
