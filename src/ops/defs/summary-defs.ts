// ScalarSummary: TF writes a serialized Summary proto; tensorshell has no string tensors, so the op passes
// its value through and hands it to the scalar log as it runs — a Session.run that evaluates it, or an
// eager call, records one point of the chart.
import { attrValue } from '../../engine/attrs.js';
import { registerOpDef, ShapeError } from '../../engine/registry.js';
import { logScalar } from '../../engine/summary-log.js';
import { shapeString } from '../../tensor/shape.js';
import { NUMERIC, spec, val } from './helpers.js';

registerOpDef({
  type: 'ScalarSummary',
  inputNames: ['values'],
  typeGroup: { attr: 'T', inputs: [0], allowed: NUMERIC },
  hostOnly: true,
  stateful: true,
  inferOutputs([x]) {
    if (x.shape.rank !== null && x.shape.rank !== 0) throw new ShapeError(`tags and values not the same shape: [] != ${x.shape.toBracketString()}`);
    return [spec(x.dtype, [])];
  },
  kernel(inputs, attrs) {
    const x = val(inputs, 0);
    if (x.rank !== 0) throw new ShapeError(`tags and values not the same shape: [] != ${shapeString(x.shape)} (tag '${attrValue<string>(attrs.tag)}')`);
    logScalar(attrValue<string>(attrs.tag), Number(x.data[0]));
    return [x];
  },
});
