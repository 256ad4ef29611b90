/*
 * Imported values in messages. Never JSON.stringify or String() a whole imported value: a
 * 100,000-deep array overflows the stack in both (V8 recurses), and the message would lose
 * the file's valid features with it.
 */

/** A short, bounded rendering of any JSON value. */
export function preview(v: unknown, max = 40, depth = 0): string {
  let out: string;
  if (Array.isArray(v)) {
    if (depth >= 3) out = '[…]';
    else {
      const items = v.slice(0, 3).map((x) => preview(x, max, depth + 1));
      out = `[${items.join(', ')}${v.length > 3 ? ', …' : ''}]`;
    }
  } else if (v !== null && typeof v === 'object') out = '{…}';
  else if (typeof v === 'string') out = JSON.stringify(v.length > max ? `${v.slice(0, max)}…` : v);
  else if (v === undefined) out = 'missing';
  else out = String(v);
  return out.length > max ? `${out.slice(0, max)}…` : out;
}

/** Levels of arrays below `v` along first elements, counted without recursion (capped). */
export function nestingDepth(v: unknown, cap = 10_000_000): number {
  let d = 0;
  let x = v;
  while (Array.isArray(x) && d < cap) {
    x = x[0];
    d++;
  }
  return d;
}
