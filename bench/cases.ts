/**
 * The benchmark cases: {FTP, FTPS, SFTP} x {big file, tree} x {download,
 * upload}, each with Ferry's side(s) and the reference peer, and how to check
 * a run's result.
 */
import { join } from 'node:path';
import { targetRatio, type BenchConfig, type BenchDirection, type BenchProtocol, type BenchShape } from './config.js';
import { BIG_NAME, TREE_NAME, verifyBig, verifyTree, type BenchData } from './data.js';
import { ferryDownloadFile, ferryDownloadTree, ferryQueueTree, ferryUploadFile, ferryUploadTree, type FerryTarget } from './ferry.js';
import { curlDownload, curlUpload, lftpMirrorDown, lftpMirrorUp, sftpBatch, sftpQuote, type PeerTarget, type SftpPeer } from './peers.js';
import { clientPath, type BenchServers } from './servers.js';

/** Where one run writes: a fresh local folder and a fresh folder under the server root (`remoteRel`). */
export interface Slot {
  readonly localDir: string;
  readonly remoteRel: string;
}

export interface Side {
  readonly label: string;
  readonly peer: boolean;
  /** Resolves with the peer process's CPU seconds when known (Ferry's are measured in-process). */
  run(slot: Slot): Promise<number | null | void>;
}

export interface BenchCase {
  readonly name: string;
  readonly protocol: BenchProtocol;
  readonly shape: BenchShape;
  readonly direction: BenchDirection;
  readonly target: number | null;
  readonly sides: readonly Side[];
  /** Throws unless the run left the exact data behind; `hash` adds the sha256 of the big file. */
  verify(slot: Slot, hash: boolean): Promise<void>;
}

export interface CaseContext {
  readonly config: BenchConfig;
  readonly data: BenchData;
  readonly servers: BenchServers;
  /** Local folder holding the upload sources (`big.bin`, `tree/`). */
  readonly sourceDir: string;
  /** Local scratch folder (batch files, queue data folders). */
  readonly scratch: string;
}

export function buildCases(ctx: CaseContext): BenchCase[] {
  const cases: BenchCase[] = [];
  const { config, data, servers } = ctx;
  const sizeLabel = config.sizeMb % 1024 === 0 ? `${config.sizeMb / 1024} GiB` : `${config.sizeMb} MiB`;
  const treeLabel = `${data.tree.length} x ${config.fileSize / 1024} KiB tree`;
  for (const protocol of ['FTP', 'FTPS', 'SFTP'] as const) {
    const server = servers.byProtocol[protocol];
    const ferry: FerryTarget = { protocol, server, clientKey: servers.clientKey };
    const peerFtp: PeerTarget = { server, tls: protocol === 'FTPS' };
    const peerSftp: SftpPeer = { server, clientKey: servers.clientKey, scratch: ctx.scratch };
    const remote = (rel: string): string => clientPath(server, rel);
    const srcBig = join(ctx.sourceDir, BIG_NAME);
    const srcTree = join(ctx.sourceDir, TREE_NAME);
    const p = config.parallel;
    const onDisk = (slot: Slot, name: string): string => join(servers.root, slot.remoteRel, name);

    for (const direction of ['download', 'upload'] as const) {
      // The big file.
      const fileSides: Side[] =
        direction === 'download'
          ? [
              { label: 'Ferry adapter', peer: false, run: (s) => ferryDownloadFile(ferry, remote(BIG_NAME), join(s.localDir, BIG_NAME)) },
              protocol === 'SFTP'
                ? { label: 'OpenSSH sftp', peer: true, run: (s) => sftpBatch(peerSftp, [`get ${sftpQuote(remote(BIG_NAME))} ${sftpQuote(join(s.localDir, BIG_NAME))}`]) }
                : { label: 'curl', peer: true, run: (s) => curlDownload(peerFtp, remote(BIG_NAME), join(s.localDir, BIG_NAME)) },
            ]
          : [
              { label: 'Ferry adapter', peer: false, run: (s) => ferryUploadFile(ferry, srcBig, remote(`${s.remoteRel}/${BIG_NAME}`)) },
              protocol === 'SFTP'
                ? { label: 'OpenSSH sftp', peer: true, run: (s) => sftpBatch(peerSftp, [`put ${sftpQuote(srcBig)} ${sftpQuote(remote(`${s.remoteRel}/${BIG_NAME}`))}`]) }
                : { label: 'curl', peer: true, run: (s) => curlUpload(peerFtp, srcBig, remote(`${s.remoteRel}/${BIG_NAME}`)) },
            ];
      cases.push({
        name: `${protocol} ${sizeLabel} ${direction}`,
        protocol,
        shape: 'file',
        direction,
        target: targetRatio(protocol, 'file'),
        sides: fileSides,
        verify: (slot, hash) => verifyBig(data, direction === 'download' ? join(slot.localDir, BIG_NAME) : onDisk(slot, BIG_NAME), hash),
      });

      // The tree.
      const treeSides: Side[] =
        direction === 'download'
          ? [
              { label: `Ferry adapter x${p}`, peer: false, run: (s) => ferryDownloadTree(ferry, remote(TREE_NAME), join(s.localDir, TREE_NAME), p) },
              {
                label: `Ferry queue c=${p}`,
                peer: false,
                run: (s) => ferryQueueTree(ferry, { direction: 'download', remotePath: remote(TREE_NAME), localDir: s.localDir }, p, ctx.scratch),
              },
              protocol === 'SFTP'
                ? { label: 'OpenSSH sftp -r', peer: true, run: (s) => sftpBatch(peerSftp, [`get -r ${sftpQuote(remote(TREE_NAME))} ${sftpQuote(join(s.localDir, TREE_NAME))}`]) }
                : { label: `lftp mirror -P ${p}`, peer: true, run: (s) => lftpMirrorDown(peerFtp, remote(TREE_NAME), join(s.localDir, TREE_NAME), p) },
            ]
          : [
              { label: `Ferry adapter x${p}`, peer: false, run: (s) => ferryUploadTree(ferry, srcTree, remote(`${s.remoteRel}/${TREE_NAME}`), p) },
              {
                label: `Ferry queue c=${p}`,
                peer: false,
                run: (s) => ferryQueueTree(ferry, { direction: 'upload', localPath: srcTree, remoteDir: remote(s.remoteRel) }, p, ctx.scratch),
              },
              protocol === 'SFTP'
                ? { label: 'OpenSSH sftp -r', peer: true, run: (s) => sftpBatch(peerSftp, [`put -r ${sftpQuote(srcTree)} ${sftpQuote(remote(`${s.remoteRel}/${TREE_NAME}`))}`]) }
                : { label: `lftp mirror -R -P ${p}`, peer: true, run: (s) => lftpMirrorUp(peerFtp, srcTree, remote(`${s.remoteRel}/${TREE_NAME}`), p) },
            ];
      cases.push({
        name: `${protocol} ${treeLabel} ${direction}`,
        protocol,
        shape: 'tree',
        direction,
        target: targetRatio(protocol, 'tree'),
        sides: treeSides,
        verify: (slot) => verifyTree(data, direction === 'download' ? join(slot.localDir, TREE_NAME) : onDisk(slot, TREE_NAME)),
      });
    }
  }
  const only = config.only;
  return only.length === 0 ? cases : cases.filter((c) => only.some((o) => c.name.toLowerCase().includes(o)));
}
