import { fitsOneSms } from '../sms-outbox';
import { reminderText } from './reminder-texts';

describe('reminder SMS', () => {
  it.each([
    ['follow_up_due', '2027-01-12', 'Rappel: suivi K7M2QX à faire avant le 12/01.'],
    ['follow_up_overdue', '2026-12-01', 'Rappel: suivi K7M2QX en retard (prévu le 01/12).'],
    ['follow_up_due', null, 'Rappel: suivi K7M2QX à faire.'],
  ] as const)('%s on %s starts “%s” and fits one GSM-7 SMS', (kind, due, head) => {
    const text = reminderText(kind, 'K7M2QX', due);
    expect(text.startsWith(head)).toBe(true);
    expect(text).toContain('SUIVI K7M2QX');
    expect(fitsOneSms(text)).toBe(true);
    expect(text).not.toMatch(/toguna/i);
  });
});
