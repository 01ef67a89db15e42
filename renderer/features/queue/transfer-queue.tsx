/**
 * Placeholder for the transfer queue: the region exists now so the layout and
 * its accessible name are stable before transfers land.
 */
import type { ReactElement } from 'react';

export function TransferQueue(): ReactElement {
  return (
    <section aria-label="Transfer queue" className="panel queue-panel">
      <div className="panel-toolbar">
        <h2 className="panel-title">Transfer queue</h2>
      </div>
      <p className="panel-empty">No transfers yet</p>
    </section>
  );
}
