import { fitsOneSms, gsm7Length } from './gsm7';

describe('GSM-7', () => {
  it('counts French with é è ù à as one septet each', () => {
    expect(gsm7Length('Suivi enregistré, réf 4821. Prochain suivi à 12/01.')).toBe(51);
  });

  it('counts the extension characters twice', () => {
    expect(gsm7Length('€[]')).toBe(6);
  });

  it.each(['ê', 'â', 'î', 'ô', 'û', '’', '«', '😀'])(
    'refuses %s, which would make it UCS-2',
    (ch) => {
      expect(gsm7Length(`a${ch}b`)).toBeNull();
      expect(fitsOneSms(`a${ch}b`)).toBe(false);
    },
  );

  it('fits one SMS up to 160 septets', () => {
    expect(fitsOneSms('x'.repeat(160))).toBe(true);
    expect(fitsOneSms('x'.repeat(161))).toBe(false);
    expect(fitsOneSms('x'.repeat(159) + '€')).toBe(false);
    expect(fitsOneSms('')).toBe(false);
  });
});
