import { describe, expect, it } from 'vitest';
import { createEventBus } from '../ipc/event-bus.js';
import { createPromptService } from './prompt-service.js';
import { askOptionsForQuickKey, parseSiteKey, quickSiteKey, siteKeyForSite } from './site-key.js';
import { askConflict, protocolOfSiteKey, toAddRequests } from './transfer-service.js';

describe('site keys', () => {
  it('round-trips saved-site keys', () => {
    expect(siteKeyForSite('site-1')).toBe('site:site-1');
    expect(parseSiteKey('site:site-1')).toEqual({ kind: 'site', siteId: 'site-1' });
  });

  it('names a quick-connect server by protocol, user, host and port only', () => {
    const key = quickSiteKey({ protocol: 'sftp', host: 'Files.Example.com', port: 2222, user: 'ann@corp:x/y' });
    expect(key).toBe('quick:sftp://ann%40corp%3Ax%2Fy@files.example.com:2222');
    expect(parseSiteKey(key)).toEqual({ kind: 'quick', protocol: 'sftp', host: 'files.example.com', port: 2222, user: 'ann@corp:x/y' });
    expect(parseSiteKey(quickSiteKey({ protocol: 'ftpes', host: 'fe80::1', port: 21, user: '' }))).toEqual({ kind: 'quick', protocol: 'ftpes', host: 'fe80::1', port: 21, user: '' });
  });

  it('never puts the password in the key', () => {
    const options = { protocol: 'ftp' as const, host: 'h', port: 21, user: 'u', password: 'hunter2-secret', transferMode: 'passive' as const };
    expect(quickSiteKey(options)).not.toContain('hunter2');
  });

  it.each(['', 'site:', 'site:../x', 'site:a b', 'quick:', 'quick:gopher://u@h:21', 'quick:ftp://u@h:0', 'quick:ftp://u@h:70000', 'quick:ftp://u@h', 'quick:ftp://u@bad host:21', 'quick:ftp://%E0%A4%A@h:21', 'quick:ftp://a%0Db@h:21', 'other:x'])(
    'refuses the malformed key %j',
    (key) => expect(parseSiteKey(key)).toBeNull(),
  );

  it('after a restart a quick key asks for the password (anonymous stays anonymous)', () => {
    const parsed = parseSiteKey('quick:sftp://ann@h:22');
    if (parsed?.kind !== 'quick') throw new Error('expected a quick key');
    expect(askOptionsForQuickKey(parsed)).toEqual({ protocol: 'sftp', host: 'h', port: 22, user: 'ann', password: '', logonType: 'ask', transferMode: 'passive' });
    const anonymous = parseSiteKey('quick:ftp://anonymous@h:21');
    if (anonymous?.kind !== 'quick') throw new Error('expected a quick key');
    expect(askOptionsForQuickKey(anonymous)).toMatchObject({ logonType: 'anonymous', password: 'anonymous@' });
  });
});

describe('queue requests from the contract', () => {
  it('maps items to the engine requests of the session site', () => {
    expect(
      toAddRequests('site:s1', [
        { direction: 'upload', localPath: '/l/a', remoteDir: '/r' },
        { direction: 'download', remotePath: '/r/b', type: 'dir', localDir: '/l' },
      ]),
    ).toEqual([
      { direction: 'upload', siteKey: 'site:s1', localPath: '/l/a', remoteDir: '/r' },
      { direction: 'download', siteKey: 'site:s1', remotePath: '/r/b', type: 'dir', localDir: '/l' },
    ]);
  });

  it('tells the engine the site protocol (FTP sites may transfer as ASCII)', () => {
    expect(toAddRequests('site:s1', [{ direction: 'upload', localPath: '/l/a', remoteDir: '/r' }], 'ftpes')).toEqual([
      { direction: 'upload', siteKey: 'site:s1', localPath: '/l/a', remoteDir: '/r', protocol: 'ftpes' },
    ]);
    const connected = { optionsFor: (key: string) => (key === 'site:s1' ? ({ protocol: 'sftp' } as never) : undefined) };
    expect(protocolOfSiteKey(connected, 'site:s1')).toBe('sftp');
    expect(protocolOfSiteKey(connected, 'quick:ftp://u@h:21')).toBe('ftp');
    expect(protocolOfSiteKey(connected, 'site:other')).toBeUndefined();
    expect(protocolOfSiteKey({}, 'quick:sftp://u@h:22')).toBe('sftp');
  });

  it('asks file-exists through the prompts; a dismissed dialog skips', async () => {
    const bus = createEventBus();
    const prompts = createPromptService(bus);
    const replies = [{ kind: 'conflict', answer: { action: 'overwrite', applyToAll: true } }, { kind: 'cancel' }] as const;
    const kinds: string[] = [];
    bus.subscribe((name, payload) => {
      if (name !== 'prompt.request') return;
      const request = payload as { promptId: string; kind: string };
      kinds.push(request.kind);
      queueMicrotask(() => prompts.answer(request.promptId, replies[kinds.length - 1] ?? { kind: 'cancel' }));
    });
    const question = { jobId: 'j', direction: 'upload' as const, source: { path: '/a', size: 1, modified: null }, target: { path: '/b', size: 2, modified: null }, suggestedName: 'b (1)' };
    await expect(askConflict(prompts, question)).resolves.toEqual({ action: 'overwrite', applyToAll: true });
    await expect(askConflict(prompts, question)).resolves.toEqual({ action: 'skip', applyToAll: false });
    expect(kinds).toEqual(['file-exists', 'file-exists']);
  });
});
