/**
 * The dialogs' markup, rendered on the server (no DOM here): the accessible
 * names and structure that screen readers and the e2e tests rely on.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { PromptRequest } from '../../../shared/model/prompt.js';
import { CertificateDialog } from './certificate-dialog.js';
import { HostKeyDialog } from './host-key-dialog.js';
import { LoginPromptDialog } from './login-prompt-dialog.js';
import { SecretDialog } from './secret-dialog.js';

const FP = 'AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89';
const noop = () => undefined;

/** The heading that names the dialog, found through aria-labelledby. */
function dialogName(html: string): string {
  const labelledBy = /<dialog[^>]*aria-labelledby="([^"]+)"/.exec(html)?.[1];
  expect(labelledBy).toBeDefined();
  const heading = new RegExp(`<h2 id="${labelledBy?.replace(/[:«»]/g, (c) => `\\${c}`)}"[^>]*>([^<]*)</h2>`).exec(html);
  return heading?.[1] ?? '';
}

describe('prompt dialogs', () => {
  it('certificate: named "Unknown certificate", modal, full fingerprint in its own monospace <dd>, reasons listed', () => {
    const request: Extract<PromptRequest, { kind: 'certificate' }> = {
      promptId: 'p',
      kind: 'certificate',
      host: 'ftp.example.com',
      port: 21,
      reasons: ['The certificate is self-signed: nobody vouches for it.'],
      certificate: {
        subject: 'CN=ftp.example.com',
        issuer: 'CN=ftp.example.com',
        validFrom: '2024-01-01T00:00:00.000Z',
        validTo: '2034-01-01T00:00:00.000Z',
        altNames: ['DNS:ftp.example.com', 'IP Address:127.0.0.1'],
        fingerprint256: FP,
        serialNumber: '01',
      },
    };
    const html = renderToStaticMarkup(<CertificateDialog request={request} failure={null} onAnswer={noop} />);
    expect(html).toMatch(/<dialog[^>]*role="dialog"[^>]*aria-modal="true"/);
    expect(dialogName(html)).toBe('Unknown certificate');
    // the whole fingerprint is the <dd>'s text (<wbr> break hints add none)
    const dd = /<dd class="mono fingerprint">(.*?)<\/dd>/.exec(html)?.[1] ?? '';
    expect(dd.replace(/<wbr\/>/g, '')).toBe(FP);
    expect(html).toContain('<li>The certificate is self-signed: nobody vouches for it.</li>');
    expect(html).toContain('ftp.example.com:21');
    for (const term of ['Subject', 'Issuer', 'Valid from', 'Valid to', 'Subject alternative names', 'SHA-256 fingerprint']) expect(html).toContain(`<dt>${term}</dt>`);
    expect(html).toContain('<li>IP Address:127.0.0.1</li>');
    expect(html.match(/<button[^>]*>([^<]*)<\/button>/g)?.map((b) => b.replace(/<[^>]+>/g, ''))).toEqual(['Trust once', 'Always trust', 'Cancel']);
  });

  it('host key: named "Unknown host key", fingerprint in monospace, known_hosts checkbox only when offered', () => {
    const request: Extract<PromptRequest, { kind: 'host-key' }> = {
      promptId: 'p',
      kind: 'host-key',
      host: 'h',
      port: 2222,
      keyType: 'ssh-ed25519',
      fingerprint: 'SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU',
      canWriteKnownHosts: true,
    };
    const html = renderToStaticMarkup(<HostKeyDialog request={request} failure={null} onAnswer={noop} />);
    expect(dialogName(html)).toBe('Unknown host key');
    expect(html).toContain(`<dd class="mono fingerprint">${request.fingerprint}</dd>`);
    expect(html).toContain('ssh-ed25519');
    expect(html).toMatch(/<input type="checkbox"[^>]*\/>Also add to ~\/\.ssh\/known_hosts<\/label>/);
    const without = renderToStaticMarkup(<HostKeyDialog request={{ ...request, canWriteKnownHosts: false }} failure={null} onAnswer={noop} />);
    expect(without).not.toContain('known_hosts</label>');
  });

  it('secret: named by its title, a password input labelled by its label, OK submits', () => {
    const request: Extract<PromptRequest, { kind: 'secret' }> = { promptId: 'p', kind: 'secret', title: 'Key passphrase', message: 'The key is encrypted.', label: 'Passphrase' };
    const html = renderToStaticMarkup(<SecretDialog request={request} failure="Could not send the answer: gone" onAnswer={noop} />);
    expect(dialogName(html)).toBe('Key passphrase');
    const inputId = /<input id="([^"]+)" type="password"/.exec(html)?.[1];
    expect(html).toContain(`<label for="${inputId}">Passphrase</label>`);
    expect(html).toContain('<button type="submit" class="button button-primary">OK</button>');
    expect(html).toContain('role="alert"');
  });

  it('keyboard-interactive: named "Login prompt", one input per prompt, hidden unless echo', () => {
    const request: Extract<PromptRequest, { kind: 'keyboard-interactive' }> = {
      promptId: 'p',
      kind: 'keyboard-interactive',
      host: 'h',
      name: 'Two-factor',
      instructions: 'Enter the code from your app.',
      prompts: [
        { prompt: 'Password: ', echo: false },
        { prompt: 'Code: ', echo: true },
      ],
    };
    const html = renderToStaticMarkup(<LoginPromptDialog request={request} failure={null} onAnswer={noop} />);
    expect(dialogName(html)).toBe('Login prompt');
    expect(html).toMatch(/<label for="[^"]+">Password:<\/label><input[^>]*type="password"/);
    expect(html).toMatch(/<label for="[^"]+">Code:<\/label><input[^>]*type="text"/);
    expect(html).toContain('Enter the code from your app.');
  });
});
