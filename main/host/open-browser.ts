/**
 * Opens a URL in the user's browser when there is one to open. Failure is
 * quiet: the URL has already been printed for the user to open by hand.
 */
import { osOpener } from './os-opener.js';

export function openBrowser(url: string): void {
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return;
  osOpener(url, 'view');
}
