/**
 * Chooses the data-connection strategy for a session from its options:
 * passive (EPSV, then PASV with the control address enforced) or active
 * (PORT/EPRT). Both live in their own modules; this only picks.
 */
import type { TransferStrategy } from 'basic-ftp/dist/Client.js';
import type { ConnectOptions } from '../../../shared/model/session.js';
import type { ProtocolLog } from '../protocol-log.js';
import { createActiveStrategy } from './active-strategy.js';
import { createPassiveStrategy } from './passive-strategy.js';

export function createDataStrategy(options: ConnectOptions, log: ProtocolLog): TransferStrategy {
  const strategyLog = (kind: 'info' | 'error', text: string): void => log(kind, text);
  if (options.transferMode === 'active') {
    return createActiveStrategy(
      {
        ...(options.activePortRange ? { portRange: options.activePortRange } : {}),
        ...(options.activeExternalAddress ? { externalAddress: options.activeExternalAddress } : {}),
      },
      strategyLog,
    );
  }
  return createPassiveStrategy(strategyLog);
}
