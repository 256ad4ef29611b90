import type { Compliance, ComplianceRow, ContinuityCheck } from '../core/analysis/compliance';
import { townshipsMostUncovered, townsMostUncovered } from '../core/analysis/compliance';
import type { AreaResult } from '../core/analysis/analyze';
import { gapUnitParams } from '../core/analysis/area-gap-units';
import type { AnalysisParams } from '../core/analysis/params';
import type { GapFeatureProps } from '../core/analysis/result-features';
import { localDateText, localTimeText } from './export-time';
import type { Report, ReportRollup } from './report';
import { reportStrings, type ReportKey, type ReportLang } from './report-i18n';
import { reportNotes } from './report-notes';
import type { ReportPopulationModel } from './report-population';

/**
 * The regulator's report as ONE self-contained HTML file: no script, no external
 * resource (the map is a data: URL, the charts inline SVG), print CSS for A4 so the
 * browser's "print to PDF" gives a document to hand on. Every string from an input file
 * (area names, file names) is escaped: imported text is never HTML.
 *
 * Pure: `sailplan report` and the app's export menu build the same report.
 */

/** One input file as the report's data-sources table lists it. */
export interface DataSource {
  role: string;
  file: string;
  format: string;
  crs: string | null;
  rows: number;
  loaded: number;
  rejected: number;
  /** ISO-8601 modification time of the file, when it could be read. */
  modified: string | null;
  /** Generated data (the demo's stations). */
  synthetic: boolean;
}

/** What the report is made of (the CLI's run holds more; the app builds just this). */
export interface ReportHtmlRun {
  report: Report;
  params: AnalysisParams;
  countyResults: readonly AreaResult[];
  townshipResults: readonly AreaResult[];
  /** The largest gaps, largest first per area; only their properties are read. */
  gaps: readonly { properties: GapFeatureProps }[];
  compliance: Compliance;
  sources: readonly DataSource[];
  /** The model notes as the engine wrote them (grouped and translated here). */
  notes: readonly string[];
}

export interface ReportHtmlInput {
  run: ReportHtmlRun;
  lang: ReportLang;
  /** PNG of the coverage map as a data: URL, or null to leave the map out. */
  mapDataUrl: string | null;
  version: string;
}

/** Text for HTML element content and attribute values. */
export function esc(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const CSS = `
:root { --fail: #b3261e; --pass: #1b6e3a; --muted: #5f6368; --line: #d0d4d9; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif;
  font-size: 10.5pt; color: #1f1f1f; margin: 24px auto; max-width: 1100px; padding: 0 16px; line-height: 1.45; }
h1 { font-size: 18pt; margin: 0 0 4px; }
h2 { font-size: 13pt; margin: 22px 0 8px; border-bottom: 2px solid #1f1f1f; padding-bottom: 2px; break-after: avoid; }
h3 { font-size: 11pt; margin: 14px 0 6px; break-after: avoid; }
.meta, .note { color: var(--muted); font-size: 9pt; }
.synthetic-banner { border: 2px solid var(--fail); background: #fdecea; color: var(--fail); font-weight: 700;
  padding: 8px 12px; margin: 10px 0; break-inside: avoid; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
tr.synthetic td { color: var(--fail); font-weight: 600; }
.rules { border: 1px solid #1f1f1f; padding: 8px 12px; margin: 12px 0; break-inside: avoid; }
.rules dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 6px 0 0; }
.rules dt { font-weight: 600; } .rules dd { margin: 0; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; margin: 6px 0 12px; }
th, td { border: 1px solid var(--line); padding: 3px 5px; text-align: left; vertical-align: top; overflow-wrap: break-word; }
th { background: #eef0f3; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
table.areas { font-size: 7.5pt; }
table.areas th, table.areas td { padding: 2px 3px; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
.fail { color: var(--fail); font-weight: 600; }
.pass { color: var(--pass); }
.unknown, .unchecked { color: var(--muted); }
tr.level-province td { font-weight: 700; background: #f7f7f9; }
tr.level-prefecture td { font-weight: 600; }
tr.level-county td:first-child { padding-left: 14px; }
.summary { display: grid; grid-template-columns: repeat(auto-fill, minmax(190px, 1fr)); gap: 6px; }
.summary div { border: 1px solid var(--line); padding: 6px 8px; break-inside: avoid; }
.summary b { display: block; font-size: 13pt; }
figure { margin: 8px 0; break-inside: avoid; }
figure img { max-width: 100%; max-height: 230mm; border: 1px solid var(--line); }
.legend span { display: inline-block; margin-right: 14px; }
.legend i { display: inline-block; width: 12px; height: 12px; margin-right: 4px; vertical-align: -2px; border: 1px solid #999; }
svg text { font-size: 10px; fill: #1f1f1f; }
section.page { break-before: page; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 9.5pt; }
  h2 { break-after: avoid; }
}
`;

export function reportHtml(input: ReportHtmlInput): string {
  const { run, lang } = input;
  const tr = reportStrings(lang);
  const nf = (digits: number) =>
    new Intl.NumberFormat(lang, { maximumFractionDigits: digits, minimumFractionDigits: 0 });
  const n0 = nf(0);
  const n1 = nf(1);
  const n2 = nf(2);
  const num = (v: number | null | undefined, f = n0): string =>
    v === null || v === undefined || !Number.isFinite(v) ? '—' : f.format(v);
  const pct = (v: number | null | undefined): string =>
    v === null || v === undefined ? '—' : `${n1.format(v)}%`;
  // A figure made from an unknown population says so, instead of a dash or a 0.
  const unknownPop = `<span class="unknown">${esc(tr('populationUnknown'))}</span>`;
  const people = (v: number | null | undefined): string =>
    v === null || v === undefined ? unknownPop : num(Math.round(v));
  const per10k = (v: number | null, target: number, known: boolean): string =>
    known ? `${num(v, n2)} / ${n2.format(target)}` : `${unknownPop} / ${n2.format(target)}`;
  const popPct = (v: number, known: boolean): string => (known ? pct(v) : unknownPop);
  const rules = run.compliance.rules;
  const rows = run.compliance.rows;
  const levelName = (l: ComplianceRow['level']): string => tr(l);
  const verdict = (s: ComplianceRow['status']): string => `<span class="${s}">${esc(tr(s))}</span>`;

  const continuityText = (c: ContinuityCheck): string => {
    if (c.status === 'unchecked') return `<span class="unchecked">${esc(tr('unchecked'))}</span>`;
    const at = c.largestGapAt
      ? tr('gapAt', { lon: c.largestGapAt[0].toFixed(4), lat: c.largestGapAt[1].toFixed(4) })
      : '';
    if (c.status === 'pass')
      return `<span class="pass">${esc(tr('pass'))}</span>: ${esc(
        tr('continuityPass', { pct: n1.format(c.redcapAreaPct), km2: n2.format(c.largestGapKm2) }),
      )}`;
    const reasons = c.reasons.map((r) =>
      r === 'coverage'
        ? tr('reasonCoverage', {
            pct: n1.format(c.redcapAreaPct),
            min: n1.format(rules.continuityMinAreaPct),
          })
        : r === 'gap'
          ? tr('reasonGap', {
              km2: n2.format(c.largestGapKm2),
              max: n2.format(rules.continuityMaxGapKm2),
            }) + at
          : tr('reasonEmpty'),
    );
    return `<span class="fail">${esc(tr('fail'))}</span>: ${esc(reasons.join(lang === 'zh-CN' ? '；' : '; '))}`;
  };
  const continuityCell = (r: ComplianceRow): string =>
    r.level === 'county'
      ? continuityText(r.continuity)
      : r.towns.checked > 0
        ? `<span class="${r.towns.failed ? 'fail' : 'pass'}">${esc(
            tr('townsPassed', { passed: r.towns.passed, checked: r.towns.checked }),
          )}</span>`
        : `<span class="unchecked">${esc(tr('unchecked'))}</span>`;

  const table = (
    head: { label: string; num?: boolean }[],
    body: string[][],
    cls: string,
    rowClass?: (i: number) => string,
  ): string =>
    `<table class="${cls}"><thead><tr>${head
      .map((h) => `<th${h.num ? ' class="num"' : ''}>${esc(h.label)}</th>`)
      .join('')}</tr></thead><tbody>${body
      .map(
        (r, i) =>
          `<tr${rowClass?.(i) ? ` class="${rowClass(i)}"` : ''}>${r
            .map((c, j) => `<td${head[j]?.num ? ' class="num"' : ''}>${c}</td>`)
            .join('')}</tr>`,
      )
      .join('')}</tbody></table>`;

  // --- header and rules
  const rp = run.report;
  // The region by name: the province, else the prefecture (a code is no title).
  const region =
    rows.find((r) => (r.level === 'province' || r.level === 'prefecture') && r.name !== r.code)
      ?.name ?? '';
  const paren = (x: string) => (lang === 'zh-CN' ? `（${x}）` : ` (${x})`);
  const syntheticFiles = run.sources.filter((s) => s.synthetic).map((s) => s.file);
  const synthetic = rp.inputs.synthetic;
  const filesText = syntheticFiles.join(lang === 'zh-CN' ? '、' : ', ') || tr('roleStations');
  const banner = synthetic
    ? `<div class="synthetic-banner" role="alert" id="synthetic">${esc(tr('syntheticBanner', { files: filesText }))}</div>`
    : '';
  const header = `<header><h1>${esc(tr('title'))}${region ? ` — ${esc(region)}` : ''}${
    synthetic ? esc(paren(tr('synthetic'))) : ''
  }</h1>
<div class="meta">${esc(tr('generated'))}: ${esc(localTimeText(rp.generated, lang))} · ${esc(tr('tool'))} ${esc(input.version)}</div>
${banner}</header>`;
  const rulesBox = `<section class="rules" id="rules"><h2>${esc(tr('rules'))}</h2>
<div class="note">${esc(tr('rulesNote'))}</div>
<dl>
<dt>${esc(tr('paramTarget'))}</dt><dd>${esc(n2.format(rules.targetPer10k))}</dd>
<dt>${esc(tr('paramMinArea'))}</dt><dd>${esc(n1.format(rules.continuityMinAreaPct))}%</dd>
<dt>${esc(tr('paramMaxGap'))}</dt><dd>${esc(n2.format(rules.continuityMaxGapKm2))} km² (8-connected)</dd>
<dt>${esc(tr('paramRsrp'))}</dt><dd>${esc(n0.format(rules.nrThresholdDbm))} dBm — ${esc(tr('paramRsrpNote'))}</dd>
<dt>${esc(tr('paramCell'))}</dt><dd>${esc(n0.format(rules.cellSizeM))} m (${esc(n0.format(rules.townCellSizeM))} m)</dd>
<dt>${esc(tr('paramModel'))}</dt><dd>${esc(tr('paramModelValue', { p: n0.format(run.params.model.cellEdgeProbability * 100) }))}</dd>
</dl></section>`;

  // --- summary
  const tot = rp.totals;
  const counties = rows.filter((r) => r.level === 'county');
  const perPass = counties.filter((c) => c.per10kPass === true).length;
  const perKnown = counties.filter((c) => c.per10kPass !== null).length;
  const towns = counties.filter((c) => c.continuity.status !== 'unchecked');
  const townsPass = towns.filter((c) => c.continuity.status === 'pass').length;
  const noFive = run.townshipResults.filter((x) => x.sites5g === 0);
  const card = (label: ReportKey, value: string, cls = ''): string =>
    `<div><span class="note">${esc(tr(label))}</span><b class="${cls}">${esc(value)}</b></div>`;
  const summary = `<section id="summary"><h2>${esc(tr('summary'))}</h2><div class="summary">
${card('sumAreas', n0.format(tot.areas))}
${card('sumPopulation', tot.population === null ? tr('populationUnknown') : num(tot.population))}
${card('sumSites5g', num(tot.sites_5g))}
${card('sumSitesRedcap', num(tot.sites_redcap))}
${card('sumPer10k', `${tot.population === null ? tr('populationUnknown') : num(tot.sites_per_10k, n2)} / ${n2.format(rules.targetPer10k)}`, tot.sites_needed ? 'fail' : '')}
${card('sumMissing', tot.population === null ? tr('populationUnknown') : num(tot.sites_needed), tot.sites_needed ? 'fail' : tot.population === null ? 'unknown' : 'pass')}
${counties.length ? card('sumPer10kPass', `${perPass}/${perKnown}`, perPass < perKnown ? 'fail' : 'pass') : ''}
${towns.length ? card('sumTowns', `${townsPass}/${towns.length}`, townsPass < towns.length ? 'fail' : 'pass') : ''}
${run.townshipResults.length ? card('sumTownshipsNo5g', `${noFive.length}/${run.townshipResults.length}`, noFive.length ? 'fail' : 'pass') : ''}
${card('sumNrPop', tot.population === null ? tr('populationUnknown') : pct(tot.coverage.nr.pop_pct))}
${card('sumRedcapPop', tot.population === null ? tr('populationUnknown') : pct(tot.coverage.redcap.pop_pct))}
</div></section>`;

  // --- checklist: provinces, prefectures, counties (townships are listed on their own)
  const checkHead = [
    { label: tr('colArea') },
    { label: tr('colCode') },
    { label: tr('colLevel') },
    { label: tr('colPer10k'), num: true },
    { label: tr('colMissing'), num: true },
    { label: tr('colContinuity') },
    { label: tr('colTownshipsNo5g'), num: true },
    { label: tr('colPopUncovered'), num: true },
    { label: tr('colVerdict') },
  ];
  const checkRow = (r: ComplianceRow): string[] => [
    esc(r.name),
    esc(r.code),
    esc(levelName(r.level)),
    per10k(r.sitesPer10k, r.targetPer10k, r.population !== null),
    r.sitesMissing
      ? `<span class="fail">${num(r.sitesMissing)}</span>`
      : r.population === null
        ? unknownPop
        : num(r.sitesMissing),
    continuityCell(r),
    r.townships.total ? `${r.townships.without5g.length}/${r.townships.total}` : '—',
    r.population === null ? unknownPop : people(r.popUncovered),
    verdict(r.status),
  ];
  // Townships get their own tables below, unless they are all there is.
  const aboveTownships = rows.filter((r) => r.level !== 'township');
  const upper = aboveTownships.length ? aboveTownships : rows;
  const checklistTable = table(
    checkHead,
    upper.map(checkRow),
    'checklist',
    (i) => `level-${upper[i].level}${upper[i].status === 'fail' ? ' row-fail' : ''}`,
  );
  const failing = upper.filter(
    (r) => (r.level === 'county' || r.level === 'township') && r.status === 'fail',
  );
  const checklist = `<section id="checklist" class="page"><h2>${esc(tr('checklist'))}</h2>
<div class="note">${esc(tr('checklistNote'))}</div>
${checklistTable}
${
  failing.length
    ? `<h3>${esc(tr('failuresFirst'))} (${failing.length})</h3>${table(
        checkHead,
        [...failing]
          .sort(
            (a, b) => (b.sitesMissing ?? 0) - (a.sitesMissing ?? 0) || (a.code < b.code ? -1 : 1),
          )
          .map(checkRow),
        'failures',
      )}`
    : ''
}</section>`;

  // --- where people are uncovered
  const countyName = new Map(run.countyResults.map((c) => [c.code, c.name]));
  const topTownships = townshipsMostUncovered(run.townshipResults, 15);
  const topTowns = townsMostUncovered(run.compliance, 15);
  const uncoveredRows = (list: typeof topTowns) =>
    list.map((e) => [
      esc(e.name),
      esc(e.code),
      esc(e.county ? (countyName.get(e.county) ?? e.county) : '—'),
      people(e.population),
    ]);
  const uncHead = [
    { label: tr('colArea') },
    { label: tr('colCode') },
    { label: tr('colCounty') },
    { label: tr('colPopulation'), num: true },
  ];
  const uncovered = `<section id="uncovered"><h2>${esc(tr('uncovered'))}</h2>
${topTowns.length ? `<h3>${esc(tr('uncoveredTowns'))}</h3>${table(uncHead, uncoveredRows(topTowns), 'uncovered-towns')}` : ''}
${topTownships.length ? `<h3>${esc(tr('uncoveredTownships'))}</h3>${table(uncHead, uncoveredRows(topTownships), 'uncovered-townships')}` : ''}
${
  run.townshipResults.length
    ? `<h3>${esc(tr('townshipsNo5g'))} (${noFive.length})</h3>${
        noFive.length
          ? table(
              uncHead,
              noFive.map((x) => [
                esc(x.name),
                esc(x.code),
                esc(x.parent ? (countyName.get(x.parent) ?? x.parent) : '—'),
                people(x.population),
              ]),
              'townships-no-5g',
            )
          : `<p>${esc(tr('none'))}</p>`
      }`
    : ''
}
${gapUnitsTable(run.countyResults.length ? run.countyResults : run.townshipResults, run.params, { tr, n2, num, table })}
<h3>${esc(tr('gaps'))}</h3>${table(
    [
      { label: tr('colArea') },
      { label: tr('colRank'), num: true },
      { label: tr('colGapKm2'), num: true },
      { label: tr('colGapPop'), num: true },
      { label: tr('colGapAt') },
    ],
    run.gaps
      .slice(0, 20)
      .map((g) => [
        esc(g.properties.areaName),
        String(g.properties.rank),
        n2.format(g.properties.areaKm2),
        num(Math.round(g.properties.population)),
        `${g.properties.centroid[0].toFixed(4)}, ${g.properties.centroid[1].toFixed(4)}`,
      ]),
    'gaps',
  )}</section>`;

  // --- charts and map
  const charts = `<section id="charts" class="page"><h2>${esc(tr('charts'))}</h2>
${per10kChart(run.countyResults, rules.targetPer10k, tr, n2)}
${popChart(run.countyResults, tr)}</section>`;
  const map = input.mapDataUrl
    ? `<section id="map" class="page"><h2>${esc(tr('map'))}</h2>
<figure><img alt="${esc(tr('map'))}" src="${esc(input.mapDataUrl)}"><figcaption class="legend">
<span><i style="background:${MAP_COLOURS.redcap}"></i>${esc(tr('mapRedcap'))}</span>
<span><i style="background:${MAP_COLOURS.nr}"></i>${esc(tr('mapNr'))}</span>
<span><i style="background:${MAP_COLOURS.gap}"></i>${esc(tr('mapGap'))}</span>
<span><i style="background:${MAP_COLOURS.border}"></i>${esc(tr('mapBorder'))}</span>
<div class="note">${esc(tr('mapNote', { cell: n0.format(rules.cellSizeM) }))}</div></figcaption></figure></section>`
    : '';

  // --- area table
  const areaRows = [...run.countyResults, ...run.townshipResults];
  const areaTable = `<section id="areas" class="page"><h2>${esc(tr('areaTable'))}</h2>${table(
    [
      { label: tr('colArea') },
      { label: tr('colCode') },
      { label: tr('colPopulation'), num: true },
      { label: tr('colArea2'), num: true },
      { label: tr('colSites5g'), num: true },
      { label: tr('colSitesRedcap'), num: true },
      { label: tr('colPer10k'), num: true },
      { label: tr('colMissing'), num: true },
      { label: tr('colNrArea'), num: true },
      { label: tr('colNrPop'), num: true },
      { label: tr('colRcArea'), num: true },
      { label: tr('colRcPop'), num: true },
      { label: tr('colGapsCount'), num: true },
      { label: tr('colLargestGap'), num: true },
    ],
    areaRows.map((a: AreaResult) => [
      esc(a.name),
      esc(a.code),
      people(a.population),
      n1.format(a.areaKm2),
      num(a.sites5g),
      num(a.sitesRedcap),
      per10k(a.sitesPer10k, a.targetPer10k, a.population !== null),
      a.population === null ? unknownPop : num(a.sitesNeeded),
      pct(a.coverage.nr.areaPct),
      popPct(a.coverage.nr.popPct, a.population !== null),
      pct(a.coverage.redcap.areaPct),
      popPct(a.coverage.redcap.popPct, a.population !== null),
      num(a.gaps.count),
      n2.format(a.gaps.largestKm2),
    ]),
    'areas',
  )}</section>`;

  // --- sources and notes: the model's, grouped and translated, then the roll-ups whose
  // counties lack a population (when the roll-up says so).
  const notes = [
    ...reportNotes(run.notes.length ? run.notes : rp.inputs.notes, lang),
    ...rp.rollups.flatMap((r) => {
      const detail = populationUnknownDetail(r, tr, lang);
      return detail ? [tr('populationUnknownRollup', { area: r.name, detail })] : [];
    }),
  ];
  const roleKey: Record<string, ReportKey> = {
    areas: 'roleAreas',
    townships: 'roleTownships',
    population: 'rolePopulation',
    stations: 'roleStations',
    scenario: 'roleScenario',
    settlements: 'roleSettlements',
    'population-raster': 'rolePopulationRaster',
  };
  const sources = `<section id="sources"><h2>${esc(tr('sources'))}</h2>${table(
    [
      { label: tr('colRole') },
      { label: tr('colFile') },
      { label: tr('colFormat') },
      { label: tr('colCrs') },
      { label: tr('colRows'), num: true },
      { label: tr('colLoaded'), num: true },
      { label: tr('colRejected'), num: true },
      { label: tr('colModified') },
    ],
    [
      ...run.sources.map((s) => [
        esc(roleKey[s.role] ? tr(roleKey[s.role]) : s.role) +
          (s.synthetic ? ` <span class="fail">${esc(paren(tr('synthetic')))}</span>` : ''),
        esc(s.file),
        esc(s.format),
        esc(s.crs ?? '—'),
        num(s.rows),
        num(s.loaded),
        s.rejected ? `<span class="fail">${num(s.rejected)}</span>` : '0',
        esc(s.modified ? localDateText(s.modified) : '—'),
      ]),
      // How the people were placed: the population model, as its own row.
      populationModelRow(rp, tr),
      // The whole result's verdict on its data, as its own row.
      ...(synthetic
        ? [
            [
              esc(tr('synthetic')),
              esc(tr('syntheticSource', { files: filesText })),
              '',
              '',
              '',
              '',
              '',
              '',
            ],
          ]
        : []),
    ],
    'sources',
    (i) =>
      i === run.sources.length
        ? ''
        : i > run.sources.length || run.sources[i].synthetic
          ? 'synthetic'
          : '',
  )}
${demLines(rp, tr, lang)}<h3>${esc(tr('notes'))}</h3>${
    notes.length
      ? `<ul>${notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>`
      : `<p>${esc(tr('none'))}</p>`
  }
<p class="note">${esc(tr('method'))}</p></section>`;

  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<title>${esc(tr('title'))}${region ? ` — ${esc(region)}` : ''}${synthetic ? esc(paren(tr('synthetic'))) : ''}</title>
<style>${CSS}</style>
</head>
<body>
${header}
${rulesBox}
${summary}
${checklist}
${uncovered}
${charts}
${map}
${areaTable}
${sources}
</body>
</html>
`;
}

/**
 * A roll-up's `population_unknown` (the counties without a population, when the roll-up
 * records them) as text: a count, a list of codes, or an object with either.
 */
/** The largest populated gaps per area (gap units, top 10 each), with the universal-service flags. */
function gapUnitsTable(
  areas: readonly AreaResult[],
  params: AnalysisParams,
  f: {
    tr: T;
    n2: Intl.NumberFormat;
    num: (x: number) => string;
    table: (head: { label: string; num?: boolean }[], body: string[][], cls: string) => string;
  },
): string {
  const { tr, n2, num, table } = f;
  const withUnits = areas.filter((a) => a.gapUnits !== undefined);
  if (withUnits.length === 0) return '';
  const g = gapUnitParams(params);
  const names = (list: readonly string[]) =>
    list.length <= 3 ? list.join('、') : `${list.slice(0, 3).join('、')} … (+${list.length - 3})`;
  const rows = withUnits.flatMap((a) =>
    a
      .gapUnits!.slice(0, 10)
      .map((u) => [
        esc(a.name),
        String(u.rank),
        num(Math.round(u.people)),
        n2.format(u.areaKm2),
        esc(names(u.settlements)),
        u.nearestSiteM === null
          ? '—'
          : `${num(Math.round(u.nearestSiteM))} (${esc(u.nearestSiteId ?? '')})`,
        esc(
          [
            u.flags.households20 ? tr('flagHouseholds20') : '',
            u.flags.townshipSeat ? tr('flagTownshipSeat') : '',
            u.flags.villageFar ? tr('flagVillageFar') : '',
          ]
            .filter((x) => x !== '')
            .join('; '),
        ),
        `${u.lon.toFixed(4)}, ${u.lat.toFixed(4)}`,
      ]),
  );
  const unpopulated = withUnits.map((a) => [esc(a.name), n2.format(a.unpopulatedKm2 ?? 0)]);
  return `<h3>${esc(tr('gapUnits'))}</h3>
<p class="note">${esc(tr('gapUnitsNote', { density: String(g.minDensity), merge: String(g.mergeM) }))}</p>
${table(
  [
    { label: tr('colArea') },
    { label: tr('colRank'), num: true },
    { label: tr('colGapPop'), num: true },
    { label: tr('colGapKm2'), num: true },
    { label: tr('colSettlements') },
    { label: tr('colNearestSite') },
    { label: tr('colFlags') },
    { label: tr('colGapAt') },
  ],
  rows,
  'gap-units',
)}
${table([{ label: tr('colArea') }, { label: tr('colUnpopulated'), num: true }], unpopulated, 'unpopulated')}`;
}

function populationUnknownDetail(r: ReportRollup, tr: T, lang: ReportLang): string | null {
  const v = (r as { population_unknown?: unknown }).population_unknown;
  const list = (x: unknown): string | null =>
    Array.isArray(x) && x.length
      ? x.map((c) => String(c)).join(lang === 'zh-CN' ? '、' : ', ')
      : null;
  const count = (x: unknown): string | null =>
    typeof x === 'number' && x > 0 ? tr('populationUnknownCounties', { n: x }) : null;
  if (v === null || v === undefined || v === false) return null;
  if (typeof v === 'number') return count(v);
  if (Array.isArray(v)) return list(v);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const n = count(o.counties ?? o.count ?? o.areas);
    const codes = list(o.codes ?? o.counties ?? o.areas);
    if (n && codes) return lang === 'zh-CN' ? `${n}（${codes}）` : `${n} (${codes})`;
    return n ?? codes;
  }
  return null;
}

/** Colours of the report's map image (also the legend). */
export const MAP_COLOURS = {
  redcap: '#2e7d32',
  nr: '#90caf9',
  gap: '#f28b82',
  border: '#37474f',
  outside: '#ffffff',
} as const;

const CHART_MAX = 40;
type T = ReturnType<typeof reportStrings>;

/** Horizontal bars of sites per 10k per county (the worst first), with the target as a line. */
function per10kChart(
  counties: readonly AreaResult[],
  target: number,
  tr: T,
  n2: Intl.NumberFormat,
): string {
  const known = counties.filter((c) => c.sitesPer10k !== null);
  if (known.length === 0) return '';
  const shown = [...known]
    .sort((a, b) => a.sitesPer10k! - b.sitesPer10k! || (a.code < b.code ? -1 : 1))
    .slice(0, CHART_MAX);
  const max = Math.max(target, ...shown.map((c) => c.sitesPer10k!)) * 1.1 || 1;
  const labelW = 130;
  const barW = 520;
  const rowH = 16;
  const h = shown.length * rowH + 30;
  const x = (v: number) => labelW + (v / max) * barW;
  const bars = shown
    .map((c, i) => {
      const y = 20 + i * rowH;
      const v = c.sitesPer10k!;
      const colour = v >= target ? MAP_COLOURS.redcap : MAP_COLOURS.gap;
      return `<text x="${labelW - 4}" y="${y + 11}" text-anchor="end">${esc(c.name)}</text><rect x="${labelW}" y="${y + 2}" width="${(x(v) - labelW).toFixed(1)}" height="${rowH - 4}" fill="${colour}"/><text x="${(x(v) + 3).toFixed(1)}" y="${y + 11}">${esc(n2.format(v))}</text>`;
    })
    .join('');
  const tx = x(target).toFixed(1);
  const note =
    known.length > shown.length
      ? ` (${tr('chartShown', { n: shown.length, total: known.length })})`
      : '';
  return `<figure class="chart" id="chart-per10k"><h3>${esc(tr('chartPer10k'))}${esc(note)}</h3>
<svg xmlns="http://www.w3.org/2000/svg" width="100%" viewBox="0 0 ${labelW + barW + 60} ${h}" role="img" aria-label="${esc(tr('chartPer10k'))}">
${bars}<line x1="${tx}" x2="${tx}" y1="14" y2="${h - 8}" stroke="#1f1f1f" stroke-dasharray="4 3"/><text x="${tx}" y="10" text-anchor="middle">${esc(tr('legendTarget'))} ${esc(n2.format(target))}</text>
</svg></figure>`;
}

/** Paired bars per county: NR and RedCap population coverage (0–100%), the least covered first. */
function popChart(counties: readonly AreaResult[], tr: T): string {
  if (counties.length === 0) return '';
  const shown = [...counties]
    .sort((a, b) => a.coverage.nr.popPct - b.coverage.nr.popPct || (a.code < b.code ? -1 : 1))
    .slice(0, CHART_MAX);
  const labelW = 130;
  const barW = 520;
  const rowH = 22;
  const h = shown.length * rowH + 34;
  const bars = shown
    .map((c, i) => {
      const y = 24 + i * rowH;
      const nr = (c.coverage.nr.popPct / 100) * barW;
      const rc = (c.coverage.redcap.popPct / 100) * barW;
      return `<text x="${labelW - 4}" y="${y + 13}" text-anchor="end">${esc(c.name)}</text><rect x="${labelW}" y="${y + 1}" width="${nr.toFixed(1)}" height="8" fill="${MAP_COLOURS.nr}"/><rect x="${labelW}" y="${y + 10}" width="${rc.toFixed(1)}" height="8" fill="${MAP_COLOURS.redcap}"/><text x="${(labelW + Math.max(nr, rc) + 3).toFixed(1)}" y="${y + 13}">${c.coverage.nr.popPct.toFixed(1)}% / ${c.coverage.redcap.popPct.toFixed(1)}%</text>`;
    })
    .join('');
  const note =
    counties.length > shown.length
      ? ` (${tr('chartShown', { n: shown.length, total: counties.length })})`
      : '';
  return `<figure class="chart" id="chart-pop"><h3>${esc(tr('chartPop'))}${esc(note)}</h3>
<svg xmlns="http://www.w3.org/2000/svg" width="100%" viewBox="0 0 ${labelW + barW + 110} ${h}" role="img" aria-label="${esc(tr('chartPop'))}">
<rect x="${labelW}" y="4" width="10" height="10" fill="${MAP_COLOURS.nr}"/><text x="${labelW + 14}" y="13">${esc(tr('legendNr'))}</text>
<rect x="${labelW + 60}" y="4" width="10" height="10" fill="${MAP_COLOURS.redcap}"/><text x="${labelW + 74}" y="13">${esc(tr('legendRedcap'))}</text>
${bars}</svg></figure>`;
}

const POP_MODEL_KEY: Record<string, ReportKey> = {
  raster: 'popModelRaster',
  settlements: 'popModelSettlements',
  townships: 'popModelTownships',
  'two-zone': 'popModelTwoZone',
  uniform: 'popModelUniform',
};

/** The data-sources row naming the population model (params.grid.population_model). */
function populationModelRow(
  rp: Report,
  tr: (k: ReportKey, v?: Record<string, string | number>) => string,
): string[] {
  const pm = (rp.params.grid as { population_model?: ReportPopulationModel } | undefined)
    ?.population_model;
  if (!pm || typeof pm !== 'object') return ['', '', '', '', '', '', '', ''];
  const scales = pm.per_area.map((a) => a.scale).filter((x): x is number => x !== null);
  const scaleText = scales.length
    ? `; ${tr('popModelScale', { min: Math.min(...scales).toFixed(2), max: Math.max(...scales).toFixed(2) })}`
    : '';
  const files = pm.rasters.map((r) => r.file).join(', ');
  const res = pm.rasters[0];
  const st = pm.settlements;
  return [
    esc(tr('populationModel')),
    esc(tr(POP_MODEL_KEY[pm.surface] ?? 'popModelTwoZone') + scaleText),
    esc(res ? `${res.format}${files ? ` (${files})` : ''}` : ''),
    esc(res ? res.crs : ''),
    st ? String(st.count) : '',
    st ? String(st.used) : '',
    '',
    esc(res && res.year !== null ? String(res.year) : ''),
  ];
}

/** The DEM's line under the data sources (and the sites it leaves on flat earth), if any. */
function demLines(rp: Report, tr: T, lang: ReportLang): string {
  const t = rp.params.terrain as
    | {
        model: string;
        k_factor: number;
        dem: { files: string[]; format: string; resolution_m: number; extent: number[] };
      }
    | undefined;
  if (!t) return '';
  const sep = lang === 'zh-CN' ? '、' : ', ';
  const [w, s, e, n] = t.dem.extent.map((x) => x.toFixed(3));
  const lines = [
    tr('demSource', {
      files: t.dem.files.join(sep),
      format: t.dem.format,
      res: String(Math.round(t.dem.resolution_m)),
      extent: `${w}…${e}°E, ${s}…${n}°N`,
      model: t.model,
      k: String(Math.round(t.k_factor * 1000) / 1000),
    }),
  ];
  const missing = rp.inputs.sites_without_dem;
  if (missing && missing.count > 0)
    lines.push(
      tr('demMissing', {
        count: String(missing.count),
        ids: missing.ids.join(sep) + (missing.count > missing.ids.length ? '…' : ''),
      }),
    );
  return `${lines.map((l) => `<p class="note dem-source">${esc(l)}</p>`).join('')}\n`;
}
