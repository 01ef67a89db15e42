/**
 * Opens a URL in the user's browser when there is one to open. Failure is
 * quiet: the URL has already been printed for the user to open by hand.
 */
import { spawn } from 'node:child_process';

export function openBrowser(url: string): void {
  const platform = process.platform;
  if (platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return;
  const [command, args] =
    platform === 'darwin' ? ['open', [url]] : platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : ['xdg-open', [url]];
  try {
    const child = spawn(command, args as string[], { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // no opener here; the printed URL is enough
  }
}
