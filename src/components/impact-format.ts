import type { EditImpact } from '../core/scenario/impact';
import { formatDelta } from './delta-format';

/** People changed, signed and whole ("+1,234", "−56", "0"). */
export const signedPeople = (x: number, lang: string): string =>
  formatDelta(Math.round(x), 'count', lang);

/** km² changed, signed, two digits. */
export const signedKm2 = (x: number, lang: string): string => formatDelta(x, 'km2', lang);

/** Area names for codes (the code when the name is unknown), joined by `sep` (the UI's). */
export function namesOf(
  codes: readonly string[],
  names: ReadonlyMap<string, string>,
  sep: string,
): string {
  return codes.map((c) => names.get(c) ?? c).join(sep);
}

/** Whether an impact changed anything shown (rounded as shown). */
export function impactShows(x: EditImpact, lang: string): boolean {
  return (
    signedPeople(x.nrPeople, lang) !== '0' ||
    signedPeople(x.redcapPeople, lang) !== '0' ||
    signedKm2(x.nrKm2, lang) !== '0' ||
    signedKm2(x.redcapKm2, lang) !== '0' ||
    x.gapsClosed > 0 ||
    x.gapsOpened > 0 ||
    x.townsGained.length > 0 ||
    x.townsLost.length > 0
  );
}
