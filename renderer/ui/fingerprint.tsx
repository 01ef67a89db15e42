/**
 * A fingerprint in monospace that wraps only between its colon-separated
 * bytes (never inside one). The line-break hints are <wbr> elements, so the
 * element's text is exactly the fingerprint (copy, find, tests).
 */
import { Fragment, type ReactElement } from 'react';

export function FingerprintText({ value }: { readonly value: string }): ReactElement {
  const groups = value.split(':');
  return (
    <>
      {groups.map((group, i) => (
        <Fragment key={i}>
          {group}
          {i < groups.length - 1 ? (
            <>
              :<wbr />
            </>
          ) : null}
        </Fragment>
      ))}
    </>
  );
}
