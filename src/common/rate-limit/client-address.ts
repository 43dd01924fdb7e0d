import ipaddr from 'ipaddr.js';

/**
 * What a per-address limit counts as one client: an IPv4 address, or an IPv6
 * /56 — the block one subscriber is usually given, so that stepping through
 * the addresses of one's own network does not reset the count.
 * `request.ip` honours TOGUNA_TRUST_PROXY (the left-most untrusted hop).
 */
export function clientAddress(ip: string): string {
  if (!ipaddr.isValid(ip)) return ip;
  const address = ipaddr.process(ip); // an IPv4-mapped IPv6 address becomes IPv4
  if (address.kind() === 'ipv4') return address.toString();
  return `${Buffer.from(address.toByteArray().slice(0, 7)).toString('hex')}::/56`;
}
