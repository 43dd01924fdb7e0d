import { accordStatsCsv } from './stats-csv';
import { CercleRow } from './disclosure-control';

const row = (cercleName: string, n: number, pcodes = true): CercleRow => ({
  cercleId: cercleName,
  cercleName,
  regionId: 'r',
  regionName: 'Mopti',
  regionPcode: pcodes ? 'ML05' : null,
  cerclePcode: pcodes ? 'ML0504' : null,
  counts: { broken: n, at_risk: n, watch: n, stable: n },
});

describe('statistics as HXL CSV', () => {
  it('line 2 is the HXL hashtag row; the cells are the published figures', () => {
    const lines = accordStatsCsv('cercle', [row('Koro', 4), row('Bankass', 1, false)]).split(
      '\r\n',
    );
    expect(lines[1]).toBe(
      '#adm1+name,#adm1+code,#adm2+name,#adm2+code,#indicator+accords+broken,' +
        '#indicator+accords+at_risk,#indicator+accords+watch,#indicator+accords+stable',
    );
    expect(lines.slice(2)).toEqual([
      'Mopti,ML05,Koro,ML0504,4,4,4,4',
      'Mopti,,Bankass,,<3,<3,<3,<3',
      '',
    ]);
    expect(accordStatsCsv('region', [row('Koro', 4), row('Bankass', 1)]).split('\r\n')[2]).toBe(
      'Mopti,ML05,x,x,x,x',
    );
  });

  it('quotes commas and quotes, and keeps a spreadsheet from running a name as a formula', () => {
    const csv = accordStatsCsv('cercle', [row('Koro, "centre"', 3), row('=HYPERLINK("x")', 3)]);
    expect(csv).toContain('"Koro, ""centre"""');
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
  });
});
