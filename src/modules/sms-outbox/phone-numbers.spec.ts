import { isReplyableSender, maskPhoneNumber, normalisePhoneNumber } from './phone-numbers';

describe('phone numbers', () => {
  it.each([
    ['76123456', '+22376123456'],
    ['76 12 34 56', '+22376123456'],
    ['+223 76 12 34 56', '+22376123456'],
    ['0022376123456', '+22376123456'],
    ['+33 6 12 34 56 78', '+33612345678'],
  ])('normalises %s to %s', (typed, e164) => {
    expect(normalisePhoneNumber(typed)).toBe(e164);
  });

  it.each([
    '',
    '123',
    '7612345',
    'ORANGE',
    '+223 76 12 34 56 78 90',
    '76123456; DROP',
    '+0001234567',
  ])('refuses %p', (typed) => {
    expect(normalisePhoneNumber(typed)).toBeNull();
  });

  it('masks all but the country code and the last four digits', () => {
    expect(maskPhoneNumber('+22376123456')).toBe('+223 ** ** 34 56');
    expect(maskPhoneNumber('+33612345678')).toBe('+33 ** ** * 56 78');
  });

  it('answers people, not short codes or alphanumeric senders', () => {
    expect(isReplyableSender('+22376123456')).toBe(true);
    expect(isReplyableSender('36000')).toBe(false);
    expect(isReplyableSender('+36000')).toBe(false);
    expect(isReplyableSender('ORANGE')).toBe(false);
    expect(isReplyableSender('76123456')).toBe(false);
  });
});
