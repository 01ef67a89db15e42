import { describe, expect, it } from 'vitest';
import { splitFingerprints } from './fingerprint-text.js';

const HEX_A = Array.from({ length: 32 }, (_, i) => (i * 7).toString(16).padStart(2, '0').toUpperCase()).join(':');
const HEX_B = Array.from({ length: 32 }, (_, i) => (255 - i).toString(16).toUpperCase()).join(':');

describe('splitFingerprints', () => {
  it('marks both certificate fingerprints and keeps the message intact', () => {
    const message = `WARNING: the certificate of h:21 has CHANGED since you trusted it. Trusted SHA-256 ${HEX_A}, now ${HEX_B}. Someone may be intercepting.`;
    const parts = splitFingerprints(message);
    expect(parts.map((p) => p.text).join('')).toBe(message);
    expect(parts.filter((p) => p.fingerprint).map((p) => p.text)).toEqual([HEX_A, HEX_B]);
  });

  it('marks OpenSSH fingerprints, stopping at punctuation', () => {
    const message = 'The ssh-ed25519 key was SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s, the server now offers SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU. Refusing.';
    const fingerprints = splitFingerprints(message).filter((p) => p.fingerprint).map((p) => p.text);
    expect(fingerprints).toEqual(['SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s', 'SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU']);
  });

  it('leaves text without fingerprints as one part, and times like 12:30 alone', () => {
    expect(splitFingerprints('Login incorrect at 12:30:15.')).toEqual([{ text: 'Login incorrect at 12:30:15.', fingerprint: false }]);
    expect(splitFingerprints('')).toEqual([]);
  });
});
