// The default session that `t.eval()` and `op.run()` use (set by InteractiveSession or `sess.asDefault`).
import { ValueError } from '../errors.js';

export type FeedDict = Map<unknown, unknown> | Record<string, unknown>;

export interface Runner {
  run(fetches: unknown, feedDict?: FeedDict): unknown;
}

const stack: Runner[] = [];

export function pushDefaultSession(s: Runner): void {
  stack.push(s);
}

export function popDefaultSession(s: Runner): void {
  const i = stack.lastIndexOf(s);
  if (i >= 0) stack.splice(i, 1);
}

export function getDefaultSession(): Runner | null {
  return stack.length ? stack[stack.length - 1] : null;
}

export function evalInDefaultSession(fetch: unknown, options: { feedDict?: FeedDict; session?: Runner }): unknown {
  const session = options.session ?? getDefaultSession();
  if (session === null) {
    throw new ValueError(
      'Cannot evaluate tensor using `eval()`: No default session is registered. Use `with sess.as_default()` ' +
        'or pass an explicit session to `eval(session=sess)`',
    );
  }
  return session.run(fetch, options.feedDict);
}
