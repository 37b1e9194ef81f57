// TF's classes are called like functions (`tf.Session()`, `tf.Variable(0.8)`); in TS they are classes.
// A Proxy lets both `tf.Session()` and `new tf.Session()` work, and keeps `instanceof` true.

export type Callable<C extends abstract new (...args: never[]) => unknown> = C & ((...args: ConstructorParameters<C>) => InstanceType<C>);

/** Wraps a class so it can be called without `new`. */
export function callable<C extends new (...args: never[]) => unknown>(cls: C): Callable<C> {
  return new Proxy(cls, {
    apply: (target, _this, args) => new target(...(args as ConstructorParameters<C>)),
  }) as Callable<C>;
}
