import type { Settlement } from '../core/settlement';
import { toExcelCsv } from './csv-export';
import { SETTLEMENT_FIELDS } from './settlement-columns';

/**
 * Settlements as a table in the canonical columns (the importer reads it back unchanged):
 * Excel-safe CSV (UTF-8 BOM, CRLF, formula injection neutralised), positions to 6 decimals.
 */
export function settlementsCsv(settlements: readonly Settlement[]): string {
  return toExcelCsv(
    SETTLEMENT_FIELDS,
    settlements.map((s) => [
      s.id,
      s.name,
      s.kind,
      s.position[0].toFixed(6),
      s.position[1].toFixed(6),
      s.population,
      s.households,
      s.code,
      s.synthetic,
    ]),
  );
}
