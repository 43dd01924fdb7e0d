import { HEALTH_LEVELS } from '../accords/vocabulary';
import { CercleRow, publishCercles, publishRegions, PublishedCount } from './disclosure-control';

/**
 * The suppressed statistics as CSV for partners (OCHA, a national
 * commission): a header row, then the HXL hashtag row (hxlstandard.org), then
 * one row per area with the same published figures as the JSON ("<3", "x").
 * Areas carry their OCHA P-codes where an admin set them (#adm1+code,
 * #adm2+code), so the figures join the COD-AB boundaries.
 */
const LEVEL_LABELS = { broken: 'Broken', at_risk: 'At risk', watch: 'Watch', stable: 'Stable' };

const REGION_COLUMNS = [
  ['Region', '#adm1+name'],
  ['Region P-code', '#adm1+code'],
] as const;
const CERCLE_COLUMNS = [
  ['Cercle', '#adm2+name'],
  ['Cercle P-code', '#adm2+code'],
] as const;
const COUNT_COLUMNS = HEALTH_LEVELS.map(
  (level) => [`Accords: ${LEVEL_LABELS[level]}`, `#indicator+accords+${level}`] as const,
);

/** RFC 4180 quoting; a cell a spreadsheet would run as a formula is prefixed with `'`. */
function cell(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function lines(
  columns: readonly (readonly [string, string])[],
  rows: (string | number | null)[][],
) {
  return [columns.map((c) => c[0]), columns.map((c) => c[1]), ...rows]
    .map((row) => row.map(cell).join(','))
    .map((line) => `${line}\r\n`)
    .join('');
}

const counts = (c: Record<string, PublishedCount>) => HEALTH_LEVELS.map((level) => c[level]);

export function accordStatsCsv(groupBy: 'region' | 'cercle', rows: readonly CercleRow[]): string {
  if (groupBy === 'region')
    return lines(
      [...REGION_COLUMNS, ...COUNT_COLUMNS],
      publishRegions(rows).map((r) => [r.areaName, r.pcode, ...counts(r.counts)]),
    );
  const published = publishCercles(rows);
  return lines(
    [...REGION_COLUMNS, ...CERCLE_COLUMNS, ...COUNT_COLUMNS],
    rows.map((row, i) => [
      row.regionName,
      row.regionPcode ?? null,
      row.cercleName,
      row.cerclePcode ?? null,
      ...counts(published[i].counts),
    ]),
  );
}
