import { parseSmsMessage } from './sms-message';

describe('parseSmsMessage', () => {
  it('reads a follow-up check with its assessments', () => {
    expect(parseSmsMessage('SUIVI K7M2QX STABLE 1=3 2=2')).toEqual({
      kind: 'follow_up',
      code: 'K7M2QX',
      overall: 'stable',
      assessments: [
        { number: 1, status: 'full' },
        { number: 2, status: 'intermediate' },
      ],
      note: null,
    });
  });

  it('ignores case, accents and extra spaces; keeps the note as written', () => {
    expect(parseSmsMessage('  suívi   k7m2qx  Tendu 1 = v   3=?  2=0 # Marché fermé ')).toEqual({
      kind: 'follow_up',
      code: 'K7M2QX',
      overall: 'tense',
      assessments: [
        { number: 1, status: 'violated' },
        { number: 3, status: 'unknown' },
        { number: 2, status: 'not_initiated' },
      ],
      note: 'Marché fermé',
    });
  });

  it('reads RUPTURE, no assessment, O typed for 0', () => {
    expect(parseSmsMessage('SUIVI K7MOQX RUPTURE')).toMatchObject({
      kind: 'follow_up',
      code: 'K7M0QX',
      overall: 'breaking_down',
      assessments: [],
    });
  });

  it.each([
    'SUIVI',
    'SUIVI K7M2QX',
    'SUIVI K7M2QX CALME 1=3',
    'SUIVI K7M2Q STABLE 1=3',
    'SUIVI K7M2QX STABLE 1=4',
    'SUIVI K7M2QX STABLE 0=3',
    'SUIVI K7M2QX STABLE 1=3 1=2',
    'SUIVI K7M2QX STABLE 1=',
    'SUIVI K7M2QX STABLE =3',
    'SUIVI K7M2QX STABLE 1=33',
    'SUIVI K7M2QX STABLE 1000=3',
    'SUIVI K7M2QX STABLE trois',
  ])('%s is a malformed SUIVI', (text) => {
    expect(parseSmsMessage(text)).toEqual({ kind: 'malformed', keyword: 'suivi' });
  });

  it('reads an alert, with or without words', () => {
    expect(parseSmsMessage('ALERTE k7m2qx Hommes armés au marché')).toEqual({
      kind: 'alert',
      code: 'K7M2QX',
      text: 'Hommes armés au marché',
    });
    expect(parseSmsMessage('Alerte K7M2QX')).toEqual({ kind: 'alert', code: 'K7M2QX', text: null });
    expect(parseSmsMessage('ALERTE')).toEqual({ kind: 'malformed', keyword: 'alerte' });
  });

  it('reads a verification code', () => {
    expect(parseSmsMessage('code 482 913')).toEqual({ kind: 'verify', digits: '482913' });
    expect(parseSmsMessage('CODE 48291')).toEqual({ kind: 'malformed', keyword: 'code' });
  });

  it('reads AIDE; anything else is unknown', () => {
    expect(parseSmsMessage(' aide ')).toEqual({ kind: 'help' });
    for (const text of ['', 'Bonjour', 'SUIVIK7M2QX STABLE', '# SUIVI K7M2QX STABLE', 'AIDE moi']) {
      expect(parseSmsMessage(text)).toEqual({ kind: 'unknown' });
    }
  });

  it('drops control characters from free text', () => {
    expect(parseSmsMessage('ALERTE K7M2QX a\u0000b\u202ec')).toMatchObject({ text: 'a b c' });
  });
});
