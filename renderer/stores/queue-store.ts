/**
 * The transfer queue as main reports it: one `queue.snapshot` at start, then
 * `queue.progress` batches carrying only the jobs that changed. Jobs live in a
 * Map by id (mutated in place; `revision` says it changed) and each tab keeps
 * its ordered id list, rebuilt only when a job enters, leaves or moves within
 * it — a progress-only batch costs O(changed), whatever the queue's size.
 *
 * Vanilla store with the api injected, like the pane stores: tests drive it
 * with the fake api and no DOM.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { FerryApi, ParamsOf, ResultOf } from '../../shared/ipc/contract.js';
import type { QueueSettings, QueueSnapshot, QueueTotals, TransferJob, TransferProgressBatch, TransferStatus } from '../../shared/model/transfer.js';
import * as sel from './pane/selection.js';

export type QueueTab = 'queued' | 'failed' | 'done';
export const QUEUE_TABS: readonly QueueTab[] = ['queued', 'failed', 'done'];

const TAB_OF: Readonly<Record<TransferStatus, QueueTab>> = {
  queued: 'queued',
  running: 'queued',
  paused: 'queued',
  failed: 'failed',
  cancelled: 'failed',
  done: 'done',
  skipped: 'done',
};

/** The tab a job is listed under. */
export function tabOf(job: TransferJob): QueueTab {
  return TAB_OF[job.state.status];
}

/** Files being read from the OS and staged in main before they are queued (browser host drops). */
export interface StagingProgress {
  readonly files: number;
  readonly bytesTotal: number;
  readonly bytesDone: number;
}

export type QueueItem = ParamsOf<'queue.add'>['items'][number];
export type AddResult = ResultOf<'queue.add'>;

export interface QueueState extends sel.Selection {
  readonly status: 'loading' | 'ready' | 'error';
  readonly error: string | null;
  /** Last applied sequence number (snapshot or batch). */
  readonly seq: number;
  /** False while the whole queue is paused. */
  readonly active: boolean;
  /** Every job by id. The same Map, updated in place: watch `revision`. */
  readonly jobs: ReadonlyMap<string, TransferJob>;
  /** Bumped whenever `jobs` changed. */
  readonly revision: number;
  /** Job ids per tab in queue order; a tab's array is replaced only when its membership or order changed. */
  readonly tabs: Readonly<Record<QueueTab, readonly string[]>>;
  readonly tab: QueueTab;
  readonly settings: QueueSettings | null;
  readonly totals: QueueTotals | null;
  readonly staging: StagingProgress | null;
  /** The last action's problem (a refused add, a failed call); null normally. */
  readonly notice: string | null;
  /** Jobs that reached `done` in the latest batch (panes showing their folder refresh). */
  readonly finished: readonly TransferJob[];
}

export interface QueueActions {
  /** Subscribes to progress and loads the snapshot. Returns a stop function. */
  start(): () => void;
  setTab(tab: QueueTab): void;
  click(id: string, mods?: sel.Modifiers): void;
  moveFocus(index: number, mods?: sel.Modifiers): void;
  selectAll(): void;
  clearSelection(): void;
  /** Pause or resume the whole queue. */
  toggleActive(): Promise<void>;
  cancelSelected(): Promise<void>;
  /** Retries the selected failed/cancelled jobs, or all of them when none is selected. */
  retryFailed(): Promise<void>;
  moveToTop(): Promise<void>;
  moveToBottom(): Promise<void>;
  clearDone(): Promise<void>;
  updateSettings(patch: Omit<ParamsOf<'queue.updateSettings'>, never>): Promise<boolean>;
  add(sessionId: string, items: readonly QueueItem[]): Promise<AddResult | null>;
  setStaging(staging: StagingProgress | null): void;
  setNotice(notice: string | null): void;
}

export type QueueStore = QueueState & QueueActions;

const EMPTY_TABS: Readonly<Record<QueueTab, readonly string[]>> = { queued: [], failed: [], done: [] };

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Ids of `jobs` in tab `tab`, in queue order. */
function buildTab(jobs: ReadonlyMap<string, TransferJob>, tab: QueueTab): string[] {
  const list: TransferJob[] = [];
  for (const job of jobs.values()) if (tabOf(job) === tab) list.push(job);
  list.sort((a, b) => a.order - b.order);
  return list.map((j) => j.id);
}

/** A refused-items line for the notice. */
export function refusedText(refused: AddResult['refused']): string | null {
  if (refused.length === 0) return null;
  const first = refused[0];
  const head = first ? `${first.path}: ${first.reason}` : '';
  return refused.length === 1 ? `Not queued — ${head}` : `${refused.length} items not queued — ${head}, …`;
}

export function createQueueStore(api: FerryApi): StoreApi<QueueStore> {
  const jobs = new Map<string, TransferJob>();

  return createStore<QueueStore>()((set, get) => {
    /** Applies changed jobs and removals; rebuilds only the tabs whose membership or order changed. */
    function apply(changed: readonly TransferJob[], removed: readonly string[]): void {
      const dirty = new Set<QueueTab>();
      const finished: TransferJob[] = [];
      for (const id of removed) {
        const old = jobs.get(id);
        if (!old) continue;
        jobs.delete(id);
        dirty.add(tabOf(old));
      }
      for (const job of changed) {
        const old = jobs.get(job.id);
        jobs.set(job.id, job);
        const tab = tabOf(job);
        if (job.state.status === 'done' && old?.state.status !== 'done') finished.push(job);
        if (!old) dirty.add(tab);
        else {
          const before = tabOf(old);
          if (before !== tab) {
            dirty.add(before);
            dirty.add(tab);
          } else if (old.order !== job.order) dirty.add(tab);
        }
      }
      const state = get();
      const tabs = { ...state.tabs };
      for (const tab of dirty) tabs[tab] = buildTab(jobs, tab);
      const visible = tabs[state.tab];
      const patch: Partial<{ -readonly [K in keyof QueueState]: QueueState[K] }> = { tabs, revision: state.revision + 1 };
      if (finished.length > 0 || state.finished.length > 0) patch.finished = finished;
      if (visible !== state.tabs[state.tab]) Object.assign(patch, sel.reconcile(state, visible));
      set(patch);
    }

    function loadSnapshot(snapshot: QueueSnapshot): void {
      jobs.clear();
      for (const job of snapshot.jobs) jobs.set(job.id, job);
      const tabs = { queued: buildTab(jobs, 'queued'), failed: buildTab(jobs, 'failed'), done: buildTab(jobs, 'done') };
      const state = get();
      set({
        status: 'ready',
        error: null,
        seq: snapshot.seq,
        active: snapshot.active,
        settings: snapshot.settings,
        totals: snapshot.totals,
        tabs,
        revision: state.revision + 1,
        ...sel.reconcile(state, tabs[state.tab]),
      });
    }

    function applyBatch(batch: TransferProgressBatch): void {
      if (batch.seq <= get().seq) return;
      apply(batch.changed, batch.removed);
      set({ seq: batch.seq, active: batch.active, totals: batch.totals });
    }

    const visibleIds = (): readonly string[] => get().tabs[get().tab];

    async function run(call: () => Promise<unknown>): Promise<boolean> {
      try {
        await call();
        return true;
      } catch (error) {
        set({ notice: message(error) });
        return false;
      }
    }

    const selectedIds = (): string[] => {
      const { selected } = get();
      return visibleIds().filter((id) => selected.has(id));
    };

    return {
      status: 'loading',
      error: null,
      seq: -1,
      active: true,
      jobs,
      revision: 0,
      tabs: EMPTY_TABS,
      tab: 'queued',
      settings: null,
      totals: null,
      staging: null,
      notice: null,
      finished: [],
      ...sel.EMPTY_SELECTION,

      start() {
        let stopped = false;
        /** Batches that arrive before the snapshot: applied after it (those it already includes are skipped by seq). */
        let early: TransferProgressBatch[] | null = [];
        const stop = api.on('queue.progress', (batch) => {
          if (early) early.push(batch);
          else applyBatch(batch);
        });
        api.call('queue.snapshot', {}).then(
          (snapshot) => {
            if (stopped) return;
            loadSnapshot(snapshot);
            const pending = early ?? [];
            early = null;
            for (const batch of pending) applyBatch(batch);
          },
          (error: unknown) => {
            if (stopped) return;
            early = null;
            set({ status: 'error', error: message(error) });
          },
        );
        return () => {
          stopped = true;
          stop();
        };
      },

      setTab(tab) {
        if (tab === get().tab) return;
        set({ tab, ...sel.EMPTY_SELECTION });
      },

      click(id, mods) {
        const ids = visibleIds();
        const index = ids.indexOf(id);
        if (index >= 0) set(sel.clickRow(get(), ids, index, mods));
      },

      moveFocus(index, mods) {
        const ids = visibleIds();
        if (index >= 0 && index < ids.length) set(sel.moveTo(get(), ids, index, mods));
      },

      selectAll() {
        set(sel.selectAll(get(), visibleIds()));
      },

      clearSelection() {
        set({ selected: new Set() });
      },

      async toggleActive() {
        const active = get().active;
        await run(() => api.call(active ? 'queue.pause' : 'queue.resume', {}));
      },

      async cancelSelected() {
        const ids = selectedIds();
        if (ids.length > 0) await run(() => api.call('queue.cancel', { ids }));
      },

      async retryFailed() {
        const chosen = get().tab === 'failed' ? selectedIds() : [];
        const ids = chosen.length > 0 ? chosen : [...get().tabs.failed];
        if (ids.length > 0) await run(() => api.call('queue.retry', { ids }));
      },

      async moveToTop() {
        const ids = selectedIds();
        if (ids.length > 0) await run(() => api.call('queue.moveToTop', { ids }));
      },

      async moveToBottom() {
        const ids = selectedIds();
        if (ids.length > 0) await run(() => api.call('queue.moveToBottom', { ids }));
      },

      async clearDone() {
        await run(() => api.call('queue.clearDone', {}));
      },

      async updateSettings(patch) {
        try {
          const settings = await api.call('queue.updateSettings', patch);
          set({ settings, notice: null });
          return true;
        } catch (error) {
          set({ notice: message(error) });
          return false;
        }
      },

      async add(sessionId, items) {
        if (items.length === 0) return null;
        try {
          const result = await api.call('queue.add', { sessionId, items: [...items] });
          set({ notice: refusedText(result.refused) });
          return result;
        } catch (error) {
          set({ notice: message(error) });
          return null;
        }
      },

      setStaging(staging) {
        set({ staging });
      },

      setNotice(notice) {
        set({ notice });
      },
    };
  });
}
