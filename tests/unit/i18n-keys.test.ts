import { describe, expect, it } from 'vitest';
import zhCN from '../../src/i18n/zh-CN';
import en from '../../src/i18n/en';

function keys(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

describe('translations', () => {
  it('zh-CN and en have the same keys and no empty strings', () => {
    expect(keys(en).sort()).toEqual(keys(zhCN).sort());
    for (const [lang, m] of [
      ['zh-CN', zhCN],
      ['en', en],
    ] as const) {
      for (const k of keys(m)) {
        const v = k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], m);
        expect(typeof v === 'string' && v.trim().length > 0, `${lang}:${k}`).toBe(true);
      }
    }
  });

  it('every t() key used in src exists', async () => {
    const { readFileSync, readdirSync, statSync } = await import('node:fs');
    const { join } = await import('node:path');
    const files: string[] = [];
    const walk = (d: string) => {
      for (const f of readdirSync(d)) {
        const p = join(d, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.tsx?$/.test(f)) files.push(p);
      }
    };
    walk('src');
    const all = new Set(keys(zhCN));
    const used = new Set<string>();
    for (const f of files) {
      for (const m of readFileSync(f, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g))
        used.add(m[1]);
    }
    const missing = [...used].filter((k) => !all.has(k));
    expect(missing).toEqual([]);
  });
});
