/**
 * Hands a file or URL to the operating system: `xdg-open` (Linux), `open`
 * (macOS), `cmd /c start` (Windows), or a configured editor command
 * (`FERRY_EDITOR`, split on spaces, no shell) for files being edited.
 * Injectable (`CoreOptions.opener`) so tests never launch anything.
 */
import { spawn } from 'node:child_process';

/** `edit`: a downloaded remote file (the configured editor applies); `view`: a local file or URL with the OS default. */
export type Opener = (target: string, purpose: 'edit' | 'view') => void;

/** The command line that opens `target` on `platform`. */
export function openCommand(target: string, purpose: 'edit' | 'view', platform: NodeJS.Platform = process.platform, editor: string | undefined = process.env.FERRY_EDITOR): [string, string[]] {
  const configured = editor?.trim();
  if (purpose === 'edit' && configured) {
    const [command = '', ...args] = configured.split(/\s+/);
    return [command, [...args, target]];
  }
  if (platform === 'darwin') return ['open', [target]];
  if (platform === 'win32') return ['cmd', ['/c', 'start', '""', target]];
  return ['xdg-open', [target]];
}

/** Opens with the OS; failure is quiet (logged by no one: the user sees nothing opened and can retry). */
export const osOpener: Opener = (target, purpose) => {
  const [command, args] = openCommand(target, purpose);
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // no opener on this machine
  }
};
