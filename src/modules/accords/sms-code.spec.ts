import { canonicalSmsCode, newSmsCode } from './sms-code';

describe('accord SMS codes', () => {
  it('are six Crockford base32 characters, different each time', () => {
    const codes = new Set(Array.from({ length: 500 }, () => newSmsCode()));
    expect(codes.size).toBe(500);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{6}$/);
  });

  it('are read back whatever the case, with O as 0 and I or L as 1', () => {
    expect(canonicalSmsCode('k7m2qx')).toBe('K7M2QX');
    expect(canonicalSmsCode('OIL234')).toBe('011234');
  });

  it('refuse what cannot be a code', () => {
    for (const typed of ['K7M2Q', 'K7M2QXY', 'K7M2QU', 'K7M-2Q', '', 'é7M2QX']) {
      expect(canonicalSmsCode(typed)).toBeNull();
    }
  });
});
