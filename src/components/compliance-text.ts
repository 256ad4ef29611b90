import type { ComplianceRow, ComplianceRules, ContinuityCheck } from '../core/analysis/compliance';
import { formatNumber } from '../i18n';
import type { TownGapPlace } from '../store/compliance-of-results';
import { formatMetric, formatPeople } from './metric-format';

/**
 * The words of a verdict: why a row fails, in the numbers the rule compares, so a
 * regulator can read the reason without opening the area.
 */

type T = (key: string, params?: Record<string, unknown>) => string;

const coord = (x: number): string => x.toFixed(4);

/** A county town's continuity, with each failed rule and where its largest gap lies. */
export function continuityText(
  c: ContinuityCheck,
  rules: ComplianceRules,
  place: TownGapPlace | undefined,
  t: T,
  lang: string,
): string {
  if (c.status !== 'fail') return continuityShort(c, t, lang);
  const reasons = c.reasons.map((r) => {
    if (r === 'coverage')
      return t('compliance.reason.coverage', {
        pct: formatMetric(c.redcapAreaPct, 'pct', lang),
        min: formatNumber(rules.continuityMinAreaPct, lang, 2),
      });
    if (r === 'empty') return t('compliance.reason.empty');
    const at = place
      ? t(place.source === 'gap' ? 'compliance.reason.gapAt' : 'compliance.reason.zoneAt', {
          lon: coord(place.at[0]),
          lat: coord(place.at[1]),
        })
      : '';
    return (
      t('compliance.reason.gap', {
        km2: formatMetric(c.largestGapKm2, 'km2', lang),
        max: formatNumber(rules.continuityMaxGapKm2, lang, 3),
      }) + at
    );
  });
  return t('compliance.reason.continuity', {
    reasons: reasons.join(t('compliance.reason.separator')),
  });
}

/** The verdict and its two numbers, for the metrics line (the reasons list says why). */
export function continuityShort(c: ContinuityCheck, t: T, lang: string): string {
  if (c.status === 'unchecked') return t('compliance.continuity.unchecked');
  return t(c.status === 'pass' ? 'compliance.continuity.pass' : 'compliance.continuity.fail', {
    pct: formatMetric(c.redcapAreaPct, 'pct', lang),
    km2: formatMetric(c.largestGapKm2, 'km2', lang),
  });
}

const MAX_NAMES = 5;

/** "632825 海西蒙古族藏族自治州直辖、…" (imported names are text). */
function areaList(xs: readonly { code: string; name: string }[], t: T): string {
  const names = xs
    .slice(0, MAX_NAMES)
    .map((x) => (x.name && x.name !== x.code ? `${x.code} ${x.name}` : x.code))
    .join('、');
  return xs.length > MAX_NAMES ? `${names} ${t('compliance.reason.more')}` : names;
}

/** Every failed rule of a row as one sentence each; empty for a passing row. */
export function reasonTexts(
  r: ComplianceRow,
  rules: ComplianceRules,
  places: ReadonlyMap<string, TownGapPlace>,
  t: T,
  lang: string,
): string[] {
  const out: string[] = [];
  const unknown = r.populationUnknown;
  // A region with some counties of unknown population is still judged on the others.
  if (r.per10kPass === null && (unknown.length === 0 || r.population === null))
    out.push(t('compliance.reason.per10kUnknown'));
  for (const f of r.failures) {
    if (f === 'per10k')
      out.push(
        t('compliance.reason.per10k', {
          value: formatMetric(r.sitesPer10k, 'per10k', lang),
          target: formatNumber(r.targetPer10k, lang, 2),
          missing: formatPeople(r.sitesMissing, lang),
        }),
      );
    else if (f === 'continuity')
      out.push(
        r.level === 'county'
          ? continuityText(r.continuity, rules, places.get(r.code), t, lang)
          : t('compliance.reason.towns', { failed: r.towns.failed, checked: r.towns.checked }),
      );
    else {
      const list = r.townships.without5g;
      const names = list
        .slice(0, MAX_NAMES)
        .map((x) => x.name)
        .join('、');
      out.push(
        t('compliance.reason.no5g', {
          count: list.length,
          names: list.length > MAX_NAMES ? `${names} ${t('compliance.reason.more')}` : names,
        }),
      );
    }
  }
  if (unknown.length > 0)
    out.push(
      t('compliance.reason.populationUnknown', {
        count: unknown.length,
        names: areaList(unknown, t),
      }),
    );
  return out;
}
