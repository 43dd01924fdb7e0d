import { HEALTH_LEVELS, HealthLevel } from '../accords/vocabulary';

/**
 * Statistical disclosure control of GET /stats/accords (README, "Aggregated
 * statistics"). The published cells are (cercle × health level) counts over
 * the caller's scope, every cercle of the scope listed whether or not it
 * holds an accord; a count below 3 — 0 included — is "<3". A region figure
 * is computed from those published cercle figures only: their sum when each
 * is a number, the figure itself when the region has one cercle in scope,
 * otherwise withheld ("x"). So a region adds nothing to its cercles, no sum
 * or difference of published figures tells 0 from 1 or 2 in a "<3" cell,
 * and an empty cercle looks like one with one or two accords. Officials'
 * scopes are whole cercles (dashboard.service.ts), so two scopes are never
 * two totals of overlapping accords either. This is primary suppression
 * with complementary suppression of every total covering a suppressed cell
 * (sdcTable's "u" and "x"), decided from published figures alone so that
 * the pattern of "x" gives nothing away.
 */
export const SMALL = '<3';
export const WITHHELD = 'x';
export type PublishedCount = number | typeof SMALL | typeof WITHHELD;
export type LevelCounts<T> = Record<HealthLevel, T>;

/** A cercle's own count: exact from 3 on, "<3" below (nothing distinguishes 0 from 1 or 2). */
export function publishCell(count: number): number | typeof SMALL {
  return count < 3 ? SMALL : count;
}

/**
 * The figure of a region from the published figures of its cercles in the
 * caller's scope: never anything they do not already determine.
 */
export function regionFigure(cercleFigures: readonly PublishedCount[]): PublishedCount {
  if (cercleFigures.length === 1) return cercleFigures[0];
  let sum = 0;
  for (const figure of cercleFigures) {
    if (typeof figure !== 'number') return WITHHELD;
    sum += figure;
  }
  return sum;
}

export interface CercleRow {
  cercleId: string;
  cercleName: string;
  regionId: string;
  regionName: string;
  /** OCHA P-codes, where an admin set them. */
  cerclePcode?: string | null;
  regionPcode?: string | null;
  counts: LevelCounts<number>;
}

export interface PublishedArea {
  areaId: string;
  areaName: string;
  pcode: string | null;
  counts: LevelCounts<PublishedCount>;
}

/** Every cercle of the scope, its counts published cell by cell. */
export function publishCercles(rows: readonly CercleRow[]): PublishedArea[] {
  return rows.map((r) => ({
    areaId: r.cercleId,
    areaName: r.cercleName,
    pcode: r.cerclePcode ?? null,
    counts: mapLevels((level) => publishCell(r.counts[level])),
  }));
}

/** Every region with a cercle in the scope, its figures derived from the published cercles. */
export function publishRegions(rows: readonly CercleRow[]): PublishedArea[] {
  const cercles = publishCercles(rows);
  const regions = new Map<
    string,
    { name: string; pcode: string | null; cercles: PublishedArea[] }
  >();
  rows.forEach((row, i) => {
    const region = regions.get(row.regionId) ?? {
      name: row.regionName,
      pcode: row.regionPcode ?? null,
      cercles: [],
    };
    region.cercles.push(cercles[i]);
    regions.set(row.regionId, region);
  });
  return [...regions]
    .map(([areaId, region]) => ({
      areaId,
      areaName: region.name,
      pcode: region.pcode,
      counts: mapLevels((level) => regionFigure(region.cercles.map((c) => c.counts[level]))),
    }))
    .sort((a, b) => a.areaName.localeCompare(b.areaName) || a.areaId.localeCompare(b.areaId));
}

function mapLevels<T>(f: (level: HealthLevel) => T): LevelCounts<T> {
  return Object.fromEntries(HEALTH_LEVELS.map((level) => [level, f(level)])) as LevelCounts<T>;
}
