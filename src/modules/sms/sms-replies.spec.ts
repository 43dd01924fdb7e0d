import { fitsOneSms } from '../sms-outbox';
import { shortReference, SMS_REPLIES } from './sms-replies';

describe('SMS replies', () => {
  const longest = {
    followUpRecorded: [
      SMS_REPLIES.followUpRecorded('K7M2QX', '4821', 200, new Date('2027-12-31T23:00:00Z')),
      SMS_REPLIES.followUpRecorded('K7M2QX', '0001', 1, new Date('2027-01-12T00:00:00Z')),
    ],
    unknownTerms: [SMS_REPLIES.unknownTerms('K7M2QX', [997, 998, 999, 996, 995, 994, 993])],
    alertRaised: [SMS_REPLIES.alertRaised('K7M2QX', '9999')],
  };

  it.each(Object.entries(longest))('%s fits one GSM-7 SMS at its longest', (_, texts) => {
    for (const text of texts) expect(fitsOneSms(text)).toBe(true);
  });

  it.each(Object.entries(SMS_REPLIES).filter(([, v]) => typeof v === 'string'))(
    '%s fits one GSM-7 SMS',
    (_, text) => {
      expect(fitsOneSms(text as string)).toBe(true);
    },
  );

  it('say how many terms were noted, with French plurals', () => {
    const due = new Date('2027-01-12T10:00:00Z');
    expect(SMS_REPLIES.followUpRecorded('K7M2QX', '4821', 3, due)).toBe(
      'Suivi K7M2QX enregistré, réf 4821. 3 engagements notés. Prochain suivi avant le 12/01.',
    );
    expect(SMS_REPLIES.followUpRecorded('K7M2QX', '4821', 1, due)).toContain('1 engagement noté.');
  });

  it('give four-digit references', () => {
    expect(shortReference('00000000-0000-4000-8000-000000000000')).toBe('0000');
    expect(shortReference('ffffffff-0000-4000-8000-000000000000')).toMatch(/^\d{4}$/);
  });
});
