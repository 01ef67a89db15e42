/**
 * Pure helpers for FTP data-connection negotiation: parsing PASV/EPSV replies,
 * deciding where a passive data connection goes, and formatting PORT/EPRT.
 *
 * Kept free of sockets so every server quirk can be unit-tested from a string.
 */
import { isIP } from 'node:net';

/** Where a passive data connection should go. */
export interface PassiveTarget {
  readonly host: string;
  readonly port: number;
}

/**
 * Strips the IPv4-mapped IPv6 prefix (`::ffff:127.0.0.1` → `127.0.0.1`) and an
 * IPv6 zone id (`fe80::1%eth0` → `fe80::1`). Dual-stack sockets report IPv4
 * peers in the mapped form (RFC 4291 §2.5.5.2); comparing or advertising
 * addresses must treat both spellings as the same host.
 */
export function normalizeAddress(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped?.[1] !== undefined) return mapped[1];
  const zone = address.indexOf('%');
  return zone >= 0 && address.includes(':') ? address.slice(0, zone) : address;
}

/** True when `address` is (or maps to) an IPv4 address. */
export function isIPv4Address(address: string): boolean {
  return isIP(normalizeAddress(address)) === 4;
}

function replyCode(reply: string): string {
  return reply.trimStart().slice(0, 3);
}

function checkPort(port: number, reply: string, command: string): number {
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`Invalid port ${port} in reply to ${command}: ${reply.trim()}`);
  }
  return port;
}

/**
 * Parses a `227` reply to PASV (RFC 959 §4.1.2). RFC 959 never fixed the text
 * around the six numbers, so servers differ: `(h1,h2,h3,h4,p1,p2)` (vsftpd,
 * proftpd, pure-ftpd), no parentheses (some Windows/embedded servers), or
 * `=h1,...` (RFC 1123 §4.1.2.6 tells clients to scan for the numbers). We scan
 * for the first run of six comma-separated 1–3 digit numbers; the bounded
 * quantifiers keep the regex linear even for hostile replies.
 *
 * @throws Error naming the reply when it is not a 227 or has no valid address.
 */
export function parsePasvReply(reply: string): PassiveTarget {
  if (replyCode(reply) !== '227') {
    throw new Error(`Unexpected reply to PASV (expected 227): ${reply.trim()}`);
  }
  const m = /(?<!\d)(\d{1,3}),\s*(\d{1,3}),\s*(\d{1,3}),\s*(\d{1,3}),\s*(\d{1,3}),\s*(\d{1,3})(?!\d)/.exec(reply.slice(3));
  if (!m) throw new Error(`Can't parse the address in the reply to PASV: ${reply.trim()}`);
  const nums = m.slice(1, 7).map((n) => Number.parseInt(n ?? '', 10));
  if (nums.some((n) => n > 255)) {
    throw new Error(`Number out of range (0-255) in the reply to PASV: ${reply.trim()}`);
  }
  const [h1, h2, h3, h4, p1, p2] = nums as [number, number, number, number, number, number];
  return { host: `${h1}.${h2}.${h3}.${h4}`, port: checkPort(p1 * 256 + p2, reply, 'PASV') };
}

/**
 * Parses a `229` reply to EPSV (RFC 2428 §3): `(<d><d><d><port><d>)` where the
 * delimiter `<d>` is any printable ASCII character (33–126), `|` recommended.
 * IBM i uses `!`. The address fields must be empty: the data connection goes
 * to the control connection's host. Parentheses are required by the RFC but we
 * tolerate their absence.
 *
 * @returns the port.
 * @throws Error naming the reply when it is not a 229 or malformed.
 */
export function parseEpsvReply(reply: string): number {
  if (replyCode(reply) !== '229') {
    throw new Error(`Unexpected reply to EPSV (expected 229): ${reply.trim()}`);
  }
  const m = /([!-/:-~])\1\1(\d{1,5})\1/.exec(reply.slice(3));
  if (!m?.[2]) throw new Error(`Can't parse the port in the reply to EPSV: ${reply.trim()}`);
  return checkPort(Number.parseInt(m[2], 10), reply, 'EPSV');
}

/**
 * Decides where a PASV data connection goes. Always the control connection's
 * peer: a different address in a PASV reply is either a NAT'ed server
 * announcing its private address (FileZilla's default answer is to use the
 * control address instead) or an FTP bounce attempt (RFC 2577 §3) steering us
 * at a third host. Either way, connecting anywhere else is never right.
 *
 * @param log called once when the address is replaced, with the exact message.
 */
export function choosePassiveHost(pasvHost: string, controlAddress: string, log?: (text: string) => void): string {
  const control = normalizeAddress(controlAddress);
  if (normalizeAddress(pasvHost) !== control) {
    log?.(`PASV address ${pasvHost} replaced by control address ${control}`);
  }
  return control;
}

/** RFC 959 §4.1.2 `PORT h1,h2,h3,h4,p1,p2` argument for an IPv4 address. */
export function formatPortArgument(address: string, port: number): string {
  const ip = normalizeAddress(address);
  if (isIP(ip) !== 4) throw new Error(`PORT needs an IPv4 address, got ${address}`);
  checkPort(port, String(port), 'PORT');
  return `${ip.split('.').join(',')},${Math.floor(port / 256)},${port % 256}`;
}

/** RFC 2428 §2 `EPRT |af|addr|port|` argument: af 1 for IPv4, 2 for IPv6. */
export function formatEprtArgument(address: string, port: number): string {
  const ip = normalizeAddress(address);
  const family = isIP(ip);
  if (family === 0) throw new Error(`EPRT needs an IP address, got ${address}`);
  checkPort(port, String(port), 'EPRT');
  return `|${family === 4 ? 1 : 2}|${ip}|${port}|`;
}

/**
 * The full active-mode command for an address: `PORT` for IPv4 (understood by
 * every server, RFC 959) and `EPRT |2|…|` for IPv6, which PORT cannot express.
 * IPv4-mapped IPv6 addresses count as IPv4.
 */
export function activeModeCommand(address: string, port: number): string {
  return isIPv4Address(address)
    ? `PORT ${formatPortArgument(address, port)}`
    : `EPRT ${formatEprtArgument(address, port)}`;
}
