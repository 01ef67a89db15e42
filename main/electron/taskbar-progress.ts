/**
 * The queue on the desktop: a taskbar (Windows, Linux Unity) or dock (macOS)
 * progress bar while transfers run, removed when idle, and a system
 * notification when a run of transfers ends — the user may be in another app.
 */
import { Notification, type BrowserWindow } from 'electron';
import type { EventBus } from '../ipc/event-bus.js';
import { createRunTracker, finishedMessage } from './queue-run-tracker.js';

/** Follows `queue.progress` on the bus; returns the function that stops it. */
export function attachTaskbarProgress(window: BrowserWindow, bus: EventBus): () => void {
  const tracker = createRunTracker();
  let shown: number | null = null;
  return bus.subscribe((name, payload) => {
    if (name !== 'queue.progress' || window.isDestroyed()) return;
    const update = tracker.update(payload as Parameters<typeof tracker.update>[0]);
    // Batches come ≤ 4 a second; skip calls that would not move the bar visibly.
    if (shown === null || Math.abs(update.progress - shown) >= 0.005 || (update.progress < 0) !== (shown < 0)) {
      window.setProgressBar(update.progress);
      shown = update.progress;
    }
    if (update.finished && Notification.isSupported()) {
      new Notification({ title: 'Ferry', body: finishedMessage(update.finished), silent: false }).show();
    }
  });
}
