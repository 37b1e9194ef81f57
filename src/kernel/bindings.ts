// The vm context's names, saved before an input and put back when it fails, so a failed input binds nothing
// and changes nothing: every earlier variable survives it.
import vm from 'node:vm';

export type SavedBindings = Map<string, PropertyDescriptor | undefined>;

export class Bindings {
  private deleteGlobal: ((key: string) => boolean) | undefined;

  constructor(private readonly context: vm.Context) {}

  /** The context's own bindings now. */
  save(): SavedBindings {
    const saved: SavedBindings = new Map();
    for (const key of Object.getOwnPropertyNames(this.context)) saved.set(key, Object.getOwnPropertyDescriptor(this.context, key));
    return saved;
  }

  /** Puts back what `save` saw: new names go, changed ones take their old values. */
  restore(saved: SavedBindings): void {
    for (const key of Object.getOwnPropertyNames(this.context)) {
      const d = saved.get(key);
      if (d === undefined) this.forget(key);
      else if (d.configurable || d.writable) Object.defineProperty(this.context, key, d);
    }
  }

  /**
   * Removes a name the failed input bound. Deleting it from the sandbox object alone is not enough: the vm's
   * global keeps its own copy and reads fall back to it. Top-level declarations are assignments to globals
   * (declarations.ts), so they delete, and the name is unbound again. A `var` the transform does not see — in
   * a block or a `for (var i …)`, a TypeScript `enum` or `namespace` — is non-configurable and cannot be
   * deleted, so it is emptied instead: `typeof` sees `undefined` and a retyped declaration binds afresh.
   */
  private forget(key: string): void {
    this.deleteGlobal ??= vm.runInContext('(key) => delete globalThis[key]', this.context) as (key: string) => boolean;
    if (!this.deleteGlobal(key)) this.context[key] = undefined;
  }
}
