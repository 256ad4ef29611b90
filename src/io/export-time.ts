/**
 * When an export was made, twice: for machines an ISO-8601 stamp with the local offset
 * (`2026-12-08T07:31:05.120+08:00`: parses everywhere and still says which wall clock it
 * was), and for people the same wall clock as `2026-12-08 07:31（UTC+08:00）`. The text is
 * read back from the stamp, so a report shows the time where it was made, not where it is
 * opened.
 */

const p2 = (n: number): string => String(n).padStart(2, '0');

/** "+08:00" for a `Date#getTimezoneOffset()` of -480 (minutes west of UTC). */
function offsetText(minutesWest: number): string {
  const east = -minutesWest;
  const sign = east >= 0 ? '+' : '-';
  const a = Math.abs(east);
  return `${sign}${p2(Math.floor(a / 60))}:${p2(a % 60)}`;
}

/**
 * ISO-8601 of `d` in the local time zone with its offset. `minutesWest` is for tests (it
 * defaults to the zone of the machine at that instant, daylight saving included).
 */
export function isoLocal(d: Date, minutesWest = d.getTimezoneOffset()): string {
  const t = new Date(d.getTime() - minutesWest * 60_000);
  const ms = String(t.getUTCMilliseconds()).padStart(3, '0');
  return (
    `${t.getUTCFullYear()}-${p2(t.getUTCMonth() + 1)}-${p2(t.getUTCDate())}` +
    `T${p2(t.getUTCHours())}:${p2(t.getUTCMinutes())}:${p2(t.getUTCSeconds())}.${ms}` +
    offsetText(minutesWest)
  );
}

const ISO = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * "2026-12-08 07:31（UTC+08:00）" (zh-CN) or "2026-12-08 07:31 (UTC+08:00)" (en) from an
 * ISO-8601 stamp, in the stamp's own offset; a stamp in UTC ("Z") reads "UTC+00:00".
 * Anything else is returned as given rather than guessed at.
 */
export function localTimeText(iso: string, lang: 'zh-CN' | 'en'): string {
  const m = ISO.exec(iso);
  if (!m) return iso;
  const off = m[3] === 'Z' ? '+00:00' : m[3].replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
  return lang === 'zh-CN' ? `${m[1]} ${m[2]}（UTC${off}）` : `${m[1]} ${m[2]} (UTC${off})`;
}

/** The calendar date of an ISO-8601 stamp in its own offset ("2026-12-08"). */
export function localDateText(iso: string): string {
  return ISO.exec(iso)?.[1] ?? iso.slice(0, 10);
}
