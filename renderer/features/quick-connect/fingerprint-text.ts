/**
 * Finds fingerprints in a trust error's message (`SHA256:base64…` as OpenSSH
 * prints it, colon-separated hex as browsers show certificates) so they can be
 * set in monospace; the parts joined give back the message unchanged.
 */
export interface TextPart {
  readonly text: string;
  readonly fingerprint: boolean;
}

const FINGERPRINT = /SHA256:[A-Za-z0-9+/]{16,}={0,2}|\b(?:[0-9A-Fa-f]{2}:){15,}[0-9A-Fa-f]{2}\b/g;

export function splitFingerprints(message: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of message.matchAll(FINGERPRINT)) {
    if (match.index > last) parts.push({ text: message.slice(last, match.index), fingerprint: false });
    parts.push({ text: match[0], fingerprint: true });
    last = match.index + match[0].length;
  }
  if (last < message.length) parts.push({ text: message.slice(last), fingerprint: false });
  return parts;
}
