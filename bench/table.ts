/** Prints benchmark rows as an aligned Markdown table (pasted as-is into README). */
export interface BenchRow {
  name: string;
  size: string;
  /** null: not measured (input data absent); the note says why. */
  ms: number | null;
  target?: string;
  note?: string;
}

export function printTable(rows: BenchRow[]): string {
  const header = ['benchmark', 'size', 'time', 'target', 'note'];
  const body = rows.map((r) => [
    r.name,
    r.size,
    r.ms === null ? 'skipped' : formatMs(r.ms),
    r.target ?? '',
    r.note ?? '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [
    line(header),
    `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`,
    ...body.map(line),
  ].join('\n');
}

export function formatMs(ms: number): string {
  if (ms < 1) return `${(ms * 1000).toFixed(0)} µs`;
  if (ms < 1000) return `${ms.toFixed(1)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

/** Median of `runs` timed calls after one warm-up. */
export async function time(fn: () => unknown, runs = 3): Promise<number> {
  await fn();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    t.push(performance.now() - t0);
  }
  t.sort((a, b) => a - b);
  return t[Math.floor(t.length / 2)];
}
