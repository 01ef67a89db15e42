import { describe, expect, it } from 'vitest';
import { FerryError } from '../../shared/errors.js';
import type { Handlers } from './router.js';
import { createRouter } from './router.js';
import { schemas } from '../../shared/ipc/schemas.js';
import { createEventBus } from './event-bus.js';
import { connectInMemory } from './memory-transport.js';
import type { Listing } from '../../shared/model/entry.js';

const listing: Listing = { path: '/pub', entries: [], skipped: 0 };

function fakeHandlers(overrides: Partial<Handlers> = {}): Handlers {
  const fail = async (): Promise<never> => {
    throw new Error('not used in this test');
  };
  return {
    ...(Object.fromEntries(Object.keys(schemas).map((method) => [method, fail])) as unknown as Handlers),
    'app.info': async () => ({ version: 't', host: 'browser', platform: 'linux', localHome: '/home/t', localPathStyle: 'posix' }),
    'session.connect': fail,
    'session.disconnect': async () => ({}),
    'fs.list': async ({ path }) => ({ ...listing, path }),
    'log.history': async () => [],
    ...overrides,
  };
}

describe('router over the in-memory transport', () => {
  it('answers a valid call with the handler result', async () => {
    const bus = createEventBus();
    const client = connectInMemory(createRouter(fakeHandlers()), bus);
    await expect(client.call('fs.list', { sessionId: 'local', path: '/tmp' })).resolves.toEqual({ ...listing, path: '/tmp' });
  });

  it('rejects bad params with a typed INVALID_PARAMS error before the handler runs', async () => {
    let ran = false;
    const router = createRouter(
      fakeHandlers({
        'fs.list': async () => {
          ran = true;
          return listing;
        },
      }),
    );
    const client = connectInMemory(router, createEventBus());
    const call = client.call('fs.list', { sessionId: 'local', path: 42 } as never);
    await expect(call).rejects.toBeInstanceOf(FerryError);
    await expect(call).rejects.toMatchObject({ code: 'INVALID_PARAMS', message: expect.stringContaining('path') });
    expect(ran).toBe(false);
  });

  it('refuses CR/LF in strings that reach protocol commands', async () => {
    const client = connectInMemory(createRouter(fakeHandlers()), createEventBus());
    const call = client.call('session.connect', {
      protocol: 'ftp',
      host: 'localhost',
      port: 21,
      user: 'bob\r\nDELE x',
      password: 'p',
      transferMode: 'passive',
    });
    await expect(call).rejects.toMatchObject({ code: 'INVALID_PARAMS', message: expect.stringContaining('user') });
  });

  it('refuses unknown fields, unknown methods and non-object params', async () => {
    const router = createRouter(fakeHandlers());
    expect(await router.handle('fs.list', { sessionId: 'local', path: '/', extra: 1 })).toMatchObject({ ok: false, error: { code: 'INVALID_PARAMS' } });
    expect(await router.handle('fs.format', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(await router.handle('__proto__', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(await router.handle('fs.list', null)).toMatchObject({ ok: false, error: { code: 'INVALID_PARAMS' } });
  });

  it('turns a thrown FerryError into the same code on the client, and other errors into INTERNAL or errno codes', async () => {
    const router = createRouter(
      fakeHandlers({
        'fs.list': async ({ path }) => {
          if (path === '/denied') throw new FerryError('PERMISSION_DENIED', 'no');
          throw Object.assign(new Error('ENOENT: gone'), { code: 'ENOENT' });
        },
        'log.history': async () => {
          throw new TypeError('boom');
        },
      }),
    );
    const client = connectInMemory(router, createEventBus());
    await expect(client.call('fs.list', { sessionId: 'local', path: '/denied' })).rejects.toMatchObject({ code: 'PERMISSION_DENIED', retryable: false });
    await expect(client.call('fs.list', { sessionId: 'local', path: '/x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(client.call('log.history', {})).rejects.toMatchObject({ code: 'INTERNAL', message: 'boom' });
  });

  it('delivers batched log events to the client', async () => {
    const bus = createEventBus(5);
    const client = connectInMemory(createRouter(fakeHandlers()), bus);
    const received: number[][] = [];
    client.on('log.entries', (entries) => received.push(entries.map((entry) => entry.seq)));
    for (let seq = 1; seq <= 3; seq++) bus.log({ seq, time: 0, sessionId: null, kind: 'info', text: `line ${seq}` });
    await expect.poll(() => received).toEqual([[1, 2, 3]]);
  });
});
