import { clientAddress } from './client-address';

describe('clientAddress', () => {
  it('keeps an IPv4 address, also when written as IPv4-mapped IPv6', () => {
    expect(clientAddress('192.0.2.7')).toBe('192.0.2.7');
    expect(clientAddress('::ffff:192.0.2.7')).toBe('192.0.2.7');
  });

  it('counts an IPv6 address by its /56, so one subscriber cannot step through its own block', () => {
    const a = clientAddress('2001:db8:1234:5600::1');
    expect(a).toBe(clientAddress('2001:db8:1234:56ff:ffff::9'));
    expect(a).not.toBe(clientAddress('2001:db8:1234:5700::1'));
    expect(a).toBe('20010db8123456::/56');
  });

  it('passes through what is not an address', () => {
    expect(clientAddress('unknown')).toBe('unknown');
  });
});
