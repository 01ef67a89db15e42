/**
 * Display helpers for the prompt dialogs, pure so they are tested without a
 * DOM: certificate dates in the user's locale, and the server as `host:port`.
 */

/** An ISO (or Node-style) date as a local date and time; the raw text when it does not parse. */
export function formatCertificateDate(text: string, locale?: string): string {
  const time = Date.parse(text);
  if (Number.isNaN(time)) return text;
  return new Date(time).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
}

/** True when the date has passed (an expired certificate's "Valid to"). */
export function isPast(text: string, now = Date.now()): boolean {
  const time = Date.parse(text);
  return !Number.isNaN(time) && time < now;
}

/** True when the date is still ahead (a certificate that is not valid yet). */
export function isFuture(text: string, now = Date.now()): boolean {
  const time = Date.parse(text);
  return !Number.isNaN(time) && time > now;
}

/** `host:port`, with IPv6 literals in brackets as in URLs. */
export function serverLabel(host: string, port: number): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** A keyboard-interactive prompt's text as an input label ("Password: " → "Password:"). */
export function promptLabel(text: string, index: number): string {
  const label = text.trim();
  return label === '' ? `Response ${index + 1}` : label;
}
