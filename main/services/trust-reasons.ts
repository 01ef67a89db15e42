/**
 * Turns Node's TLS verdict into the one-line reasons the certificate dialog
 * lists ("self-signed", "expired", "issued for another name"). Several can
 * apply at once; Node reports only the first chain error, so dates and
 * self-signature are checked here too.
 */
import type { CertificateCheck } from '../engine/security-hooks.js';

const NODE_REASONS: Readonly<Record<string, string>> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'The certificate is self-signed: nobody vouches for it.',
  SELF_SIGNED_CERT_IN_CHAIN: 'The certificate chain ends in a self-signed certificate that is not trusted.',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'The certificate was issued by an unknown authority.',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'The certificate was issued by an unknown authority.',
  CERT_HAS_EXPIRED: 'The certificate has expired.',
  CERT_NOT_YET_VALID: 'The certificate is not valid yet.',
  ERR_TLS_CERT_ALTNAME_INVALID: 'The certificate was issued for another name than the host you connect to.',
  CERT_REVOKED: 'The certificate has been revoked.',
};

export function untrustedReasons(check: CertificateCheck, now = Date.now()): string[] {
  const reasons = new Set<string>();
  if (check.authorizationError) reasons.add(NODE_REASONS[check.authorizationError] ?? `The certificate could not be verified (${check.authorizationError}).`);
  const { validFrom, validTo, subject, issuer } = check.certificate;
  if (Date.parse(validTo) < now) reasons.add(NODE_REASONS.CERT_HAS_EXPIRED as string);
  if (Date.parse(validFrom) > now) reasons.add(NODE_REASONS.CERT_NOT_YET_VALID as string);
  if (subject === issuer && check.authorizationError !== 'DEPTH_ZERO_SELF_SIGNED_CERT') reasons.add(NODE_REASONS.DEPTH_ZERO_SELF_SIGNED_CERT as string);
  if (reasons.size === 0) reasons.add('The certificate is not trusted by this system.');
  return [...reasons];
}
