// Declarations of the graph classes' public methods and of tf.Session, so `op.run(feed)`, `t.eval(feed)`
// and `sess.run(fetches, feed)` take TF's positional forms and refuse what they do not take, like every
// function (declare.ts). The classes live in src/graph; their declared surface is made here.
import { Graph } from '../graph/graph.js';
import { Operation } from '../graph/operation.js';
import { InteractiveSessionImpl, SessionImpl } from '../graph/session.js';
import { Tensor } from '../graph/tensor.js';
import { inspect } from 'node:util';
import { executingEagerly } from '../engine/mode.js';
import { TensorShape } from '../tensor/shape.js';
import { declareClass, declareMethods } from './declare.js';

// A shape echoes as the TF of the current mode shows it (the tensor layer does not know the mode).
Object.defineProperty(TensorShape.prototype, inspect.custom, {
  value(this: TensorShape) {
    return this.repr(executingEagerly());
  },
});

declareMethods(Tensor, {
  eval: ['Tensor.eval(feedDict?: FeedDict, session?: Session): NDArray', 'Runs this tensor in the default session (an InteractiveSession), or in `session`.'],
  numpy: ['Tensor.numpy(): NDArray', 'The value of an eager tensor.'],
  getShape: ['Tensor.getShape(): TensorShape', "TF1's get_shape(): the static shape."],
  setShape: ['Tensor.setShape(shape: TensorShape): void', 'Refines the static shape (it must be compatible).'],
});

declareMethods(Operation, {
  run: ['Operation.run(feedDict?: FeedDict, session?: Session): null', "Runs this op in the default session (InteractiveSession), like TF's op.run()."],
  getAttr: ['Operation.getAttr(name: string): unknown', "The JS value of attribute `name` (`op.getAttr('transpose_a')`)."],
});

declareMethods(Graph, {
  getOperations: ['Graph.getOperations(): Operation[]', 'Every op of the graph, in creation order.'],
  getOperationByName: ['Graph.getOperationByName(name: string): Operation', "The op named `name` ('init')."],
  getTensorByName: ['Graph.getTensorByName(name: string): Tensor', "The tensor named `name` ('mul:0')."],
});

declareMethods(SessionImpl, {
  run: ['Session.run(fetches: unknown, feedDict?: FeedDict, options?: unknown, runMetadata?: unknown): unknown',
    'Evaluates `fetches` (a tensor, op, name, variable, or nested arrays/objects of them) with `feedDict` (a Map or a {name: value} record).'],
  close: ['Session.close(): void', 'Releases the session; later runs raise RuntimeError.'],
  asDefault: ['Session.asDefault(fn: function): unknown', 'Runs `fn` with this session as the default for `t.eval()` / `op.run()`.'],
});

/** Runs graphs: `const sess = tf.Session(); sess.run(c)`. Callable with or without `new`. */
export const Session = declareClass('Session(target?: string, graph?: Graph, config?: unknown, { allowSoftPlacement?: boolean }): Session',
  'Runs graphs: `const sess = tf.Session(); sess.run(c, feedDict)`; callable with or without `new`.', SessionImpl);
export type Session = SessionImpl;

/** A Session that installs itself as the default, so `t.eval()` and `op.run()` work. */
export const InteractiveSession = declareClass('InteractiveSession(target?: string, graph?: Graph, config?: unknown, { allowSoftPlacement?: boolean }): InteractiveSession',
  'A Session that makes itself the default, so `t.eval()` and `op.run()` work.', InteractiveSessionImpl);
export type InteractiveSession = InteractiveSessionImpl;
