/** The results as a Markdown table (and the raw times below it). */
import type { BenchCase } from './cases.js';
import { median, seconds } from './measure.js';

export interface SideResult {
  readonly label: string;
  readonly peer: boolean;
  readonly times: number[];
  /** Client CPU seconds per run (Ferry: this process; peers: the client process). */
  readonly cpu: number[];
  /** CPU seconds of the rest of the machine per run (server, kernel loopback work, noise); see measure.ts. */
  readonly rest: number[];
  readonly errors: string[];
}

export interface CaseResult {
  readonly benchCase: BenchCase;
  readonly sides: SideResult[];
}

function ratioText(ratio: number | null): string {
  return ratio === null ? '—' : `${ratio.toFixed(2)}x`;
}

export function renderTable(results: readonly CaseResult[]): string {
  const rows = ['| case | Ferry median s | peer median s | ratio | target | met? |', '|---|---:|---:|---:|---:|---|'];
  for (const { benchCase, sides } of results) {
    const peer = sides.find((s) => s.peer);
    const peerMedian = peer ? median(peer.times) : null;
    const peerNote = peer && peer.errors.length > 0 ? ` (${peer.errors.length} peer run(s) failed)` : '';
    for (const side of sides.filter((s) => !s.peer)) {
      const ferryMedian = median(side.times);
      const ratio = ferryMedian !== null && peerMedian !== null && peerMedian > 0 ? ferryMedian / peerMedian : null;
      const target = benchCase.target === null ? 'none set' : `≤ ${benchCase.target.toFixed(2)}x`;
      let met: string;
      if (side.errors.length > 0) met = `**INVALID**: ${side.errors.length} failed/wrong run(s)`;
      else if (ratio === null) met = 'n/a';
      else if (benchCase.target === null) met = '—';
      else met = ratio <= benchCase.target ? 'yes' : '**no**';
      const name = `${benchCase.name}: ${side.label} vs ${peer?.label ?? '?'}`;
      rows.push(`| ${name} | ${seconds(ferryMedian)} | ${seconds(peerMedian)}${peerNote} | ${ratioText(ratio)} | ${target} | ${met} |`);
    }
  }
  return rows.join('\n');
}

/**
 * CPU medians: the client's (robust to a loaded machine where wall times are
 * not) and the rest of the machine's during the same runs (mostly the
 * server), which shows how much of a run no client can save.
 */
export function renderCpuTable(results: readonly CaseResult[]): string {
  const rows = ['| case | Ferry client CPU s | rest of machine s | peer client CPU s | rest of machine s | client CPU ratio |', '|---|---:|---:|---:|---:|---:|'];
  for (const { benchCase, sides } of results) {
    const peer = sides.find((s) => s.peer);
    const peerCpu = peer ? median(peer.cpu) : null;
    const peerRest = peer ? median(peer.rest) : null;
    for (const side of sides.filter((s) => !s.peer)) {
      const cpu = median(side.cpu);
      const ratio = cpu !== null && peerCpu !== null && peerCpu > 0 ? cpu / peerCpu : null;
      const name = `${benchCase.name}: ${side.label} vs ${peer?.label ?? '?'}`;
      rows.push(`| ${name} | ${seconds(cpu)} | ${seconds(median(side.rest))} | ${seconds(peerCpu)} | ${seconds(peerRest)} | ${ratioText(ratio)} |`);
    }
  }
  return rows.join('\n');
}

export function renderDetails(results: readonly CaseResult[]): string {
  const lines: string[] = [];
  for (const { benchCase, sides } of results) {
    for (const side of sides) {
      const times = side.times.map((t) => t.toFixed(2)).join(', ') || '—';
      const cpu = side.cpu.length > 0 ? `; client CPU ${side.cpu.map((t) => t.toFixed(2)).join(', ')} s` : '';
      const rest = side.rest.length > 0 ? `; rest of machine ${side.rest.map((t) => t.toFixed(2)).join(', ')} s` : '';
      lines.push(`- ${benchCase.name} — ${side.label}: ${times} s${cpu}${rest}`);
      for (const error of side.errors) lines.push(`  - failed: ${error}`);
    }
  }
  return lines.join('\n');
}
