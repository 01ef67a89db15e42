/**
 * The line under the quick-connect bar that says how the last attempt ended:
 * - a form problem or an ordinary failure: one alert line;
 * - a declined prompt (CANCELLED): a calm notice, the user chose it;
 * - a trust failure (a pinned certificate or known host key changed): a
 *   prominent danger banner with the whole message (it names both
 *   fingerprints) and a deliberate "Forget…" button. Forgetting never
 *   reconnects: the user connects again and reviews the new certificate/key.
 */
import { useEffect, useRef, useState, type ReactElement } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import { trustKindOf, type ConnectionStore, type ServerAddress } from '../../stores/connection-store.js';
import { StatusLine } from '../../ui/status-line.js';
import { WarningIcon } from '../../ui/icons.js';
import { FingerprintText } from '../../ui/fingerprint.js';
import { splitFingerprints } from './fingerprint-text.js';

interface ConnectionAlertProps {
  readonly store: StoreApi<ConnectionStore>;
  readonly connection: ConnectionStore['connection'];
  /** A validation problem of the form: shown instead of the last attempt's outcome. */
  readonly formError: string | null;
  /** The alert's id, so the invalid field can point at it (aria-describedby). */
  readonly id: string;
}

export function ConnectionAlert({ store, connection, formError, id }: ConnectionAlertProps): ReactElement | null {
  if (formError) return <StatusLine id={id} tone="error" message={formError} className="quick-connect-error" />;
  if (connection.status !== 'error') return null;
  if (connection.code === 'CANCELLED') return <StatusLine id={id} tone="info" message={connection.message} className="quick-connect-error" />;
  const kind = trustKindOf(connection.code);
  // Keyed per attempt: a new failure starts with the button again, even with the same message.
  if (kind && connection.server) return <TrustAlert key={attemptKey(connection)} store={store} kind={kind} server={connection.server} message={connection.message} id={id} />;
  return <StatusLine id={id} tone="error" message={connection.message} className="quick-connect-error" />;
}

const attemptKeys = new WeakMap<object, number>();
let nextAttemptKey = 0;

/** A stable key per connection state object (each failed attempt is a new one). */
function attemptKey(state: object): number {
  let key = attemptKeys.get(state);
  if (key === undefined) attemptKeys.set(state, (key = ++nextAttemptKey));
  return key;
}

type ForgetState = { readonly status: 'idle' | 'busy' } | { readonly status: 'done'; readonly text: string } | { readonly status: 'failed'; readonly text: string };

interface TrustAlertProps {
  readonly store: StoreApi<ConnectionStore>;
  readonly kind: 'certificate' | 'host-key';
  readonly server: ServerAddress;
  readonly message: string;
  readonly id: string;
}

function TrustAlert({ store, kind, server, message, id }: TrustAlertProps): ReactElement {
  const [forget, setForget] = useState<ForgetState>({ status: 'idle' });
  const resultRef = useRef<HTMLParagraphElement>(null);
  // The button goes away once done: keep the keyboard user's place on the result instead of losing focus.
  useEffect(() => {
    if (forget.status === 'done' && document.activeElement === document.body) resultRef.current?.focus();
  }, [forget.status]);
  const what = kind === 'certificate' ? 'certificate' : 'host key';
  const shortWhat = kind === 'certificate' ? 'certificate' : 'key';

  const onForget = async (): Promise<void> => {
    if (forget.status === 'busy') return;
    setForget({ status: 'busy' });
    try {
      const removed = await store.getState().forgetTrusted();
      setForget({ status: 'done', text: removed ? `Removed. Connect again to review the new ${shortWhat}.` : notStored(kind, server) });
    } catch (error) {
      setForget({ status: 'failed', text: `Could not remove it: ${error instanceof Error ? error.message : String(error)}` });
    }
  };

  return (
    <div role="alert" className="trust-alert" id={id}>
      <WarningIcon className="trust-alert-icon" />
      <div className="trust-alert-body">
        <p className="trust-alert-title">{kind === 'certificate' ? 'Certificate refused' : 'Host key refused'}</p>
        <p className="trust-alert-message">
          {splitFingerprints(message).map((part, i) =>
            part.fingerprint ? (
              <code key={i}>
                <FingerprintText value={part.text} />
              </code>
            ) : (
              part.text
            ),
          )}
        </p>
        <div className="trust-alert-actions">
          {forget.status === 'done' ? null : (
            <button type="button" className="button button-danger" aria-disabled={forget.status === 'busy'} onClick={() => void onForget()}>
              {`Forget the trusted ${what}`}
            </button>
          )}
          <p ref={resultRef} tabIndex={-1} role="status" className={`trust-alert-result${forget.status === 'failed' ? ' is-failed' : ''}`}>
            {forget.status === 'done' || forget.status === 'failed' ? forget.text : null}
          </p>
        </div>
      </div>
    </div>
  );
}

function notStored(kind: 'certificate' | 'host-key', server: ServerAddress): string {
  if (kind === 'certificate') return `Ferry had no trusted certificate stored for ${server.host}:${server.port}.`;
  const entry = server.port === 22 ? server.host : `[${server.host}]:${server.port}`;
  return `Ferry had no trusted key stored for ${server.host}:${server.port}. If the old key is in ~/.ssh/known_hosts, remove it there: ssh-keygen -R "${entry}".`;
}
