import { HEALTH_LEVELS } from '../accords/vocabulary';
import {
  CercleRow,
  publishCell,
  publishCercles,
  publishRegions,
  regionFigure,
} from './disclosure-control';

/** A region of `counts.length` cercles, one count per cercle in every health level. */
function world(counts: readonly number[], regionId = 'r1'): CercleRow[] {
  return counts.map((n, i) => ({
    cercleId: `${regionId}-c${i}`,
    cercleName: `Cercle ${i}`,
    regionId,
    regionName: `Region ${regionId}`,
    counts: { broken: n, at_risk: n, watch: n, stable: n },
  }));
}

/** Everything published about the region, under every scope that is a set of its cercles. */
function publications(counts: readonly number[]): string {
  const rows = world(counts);
  const out: unknown[] = [];
  for (let mask = 1; mask < 1 << rows.length; mask++) {
    const scope = rows.filter((_, i) => mask & (1 << i));
    out.push(publishCercles(scope), publishRegions(scope));
  }
  return JSON.stringify(out);
}

function* allWorlds(cercles: number, max: number): Generator<number[]> {
  const counts = new Array<number>(cercles).fill(0);
  for (;;) {
    yield [...counts];
    let i = 0;
    while (i < cercles && counts[i] === max) counts[i++] = 0;
    if (i === cercles) return;
    counts[i]++;
  }
}

describe('disclosure control of the accord statistics', () => {
  it('publishes a cercle count from 3 on, and "<3" for 0, 1 and 2 alike', () => {
    expect([0, 1, 2, 3, 17].map(publishCell)).toEqual(['<3', '<3', '<3', 3, 17]);
  });

  it('gives a region the sum of its cercles, its only cercle, or "x"', () => {
    expect(regionFigure([3, 4, 10])).toBe(17);
    expect(regionFigure(['<3'])).toBe('<3');
    expect(regionFigure([5])).toBe(5);
    expect(regionFigure([12, '<3'])).toBe('x');
    expect(regionFigure(['<3', '<3', '<3'])).toBe('x');
  });

  it('lists every cercle and region of the scope, those without accords included', () => {
    const rows = [
      ...world([0, 0]),
      ...world([4], 'r2').map((r) => ({ ...r, regionPcode: 'ML05', cerclePcode: 'ML0504' })),
    ];
    expect(publishCercles(rows).map((a) => [a.areaId, a.pcode])).toEqual([
      ['r1-c0', null],
      ['r1-c1', null],
      ['r2-c0', 'ML0504'],
    ]);
    expect(publishRegions(rows)).toEqual([
      { areaId: 'r1', areaName: 'Region r1', pcode: null, counts: allLevels('x') },
      { areaId: 'r2', areaName: 'Region r2', pcode: 'ML05', counts: allLevels(4) },
    ]);
  });

  // The guarantee, checked exhaustively on a region of 4 cercles with 0–5 accords each:
  // changing the cells shown "<3" to any other values from 0 to 2 changes nothing that is
  // published, under any grouping and any scope made of whole cercles. So no sum or
  // difference of published figures tells 0 from 1 or 2 in a "<3" cell.
  it('publishes the same figures for every world that differs only inside its "<3" cells', () => {
    let worlds = 0;
    for (const counts of allWorlds(4, 5)) {
      const published = publications(counts);
      const small = counts.flatMap((n, i) => (n < 3 ? [i] : []));
      for (const values of allWorlds(small.length, 2)) {
        const other = [...counts];
        small.forEach((cercle, k) => (other[cercle] = values[k]));
        if (publications(other) !== published) {
          throw new Error(`${JSON.stringify(counts)} and ${JSON.stringify(other)} differ`);
        }
      }
      worlds++;
    }
    expect(worlds).toBe(6 ** 4);
  });
});

function allLevels<T>(value: T): Record<(typeof HEALTH_LEVELS)[number], T> {
  return { broken: value, at_risk: value, watch: value, stable: value };
}
