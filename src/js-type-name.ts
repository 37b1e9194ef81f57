// How error messages name the type of a JS value.

/** A JavaScript value's type name the way error messages show it: number, string, null, Array, Map, … */
export function jsTypeName(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  return (value as object).constructor?.name ?? 'object';
}
