// etcdserverpb.Maintenance (Status, Alarm, Snapshot) and etcdserverpb.Cluster (MemberList) for a one-member cluster.
import type * as grpc from '@grpc/grpc-js';
import type { Backend } from '../backend.js';
import { takeSnapshot } from '../snapshot/take.js';
import { toGrpcError, unary } from './errors.js';
import { header, MEMBER_ID } from './header.js';

/** The etcd version k8ts reports: clients (the apiserver among them) switch features on by it. */
export const EMULATED_ETCD_VERSION = '3.5.16';

export function maintenanceService(backend: Backend) {
  return {
    Status: unary(async () => {
      const s = await backend.status();
      return {
        header: header(s.revision),
        version: EMULATED_ETCD_VERSION,
        dbSize: s.dbSize,
        leader: MEMBER_ID,
        raftIndex: s.revision,
        raftTerm: 1,
        raftAppliedIndex: s.revision,
        errors: [],
        dbSizeInUse: s.dbSizeInUse,
        isLearner: false,
      };
    }),
    Alarm: unary(async () => ({ header: header(await backend.currentRevision()), alarms: [] })),
    Snapshot: snapshotStream(backend),
  };
}

const SNAPSHOT_CHUNK = 32 * 1024;

/**
 * Snapshot streams a k8ts snapshot (kine/snapshot/format.ts): SQLite's online backup of the store in a
 * container that ends, as etcd's stream does, with the SHA-256 of what came before. So `etcdctl snapshot
 * save` accepts and writes it; the file is not bbolt, so `etcdctl snapshot status|restore` cannot open
 * it: `k8ts snapshot restore FILE` restores it. The store alone: `k8ts kine` has no certificates to add.
 */
function snapshotStream(backend: Backend): grpc.handleServerStreamingCall<unknown, unknown> {
  return (call) => {
    void (async () => {
      const taken = await takeSnapshot({ backend });
      try {
        let remaining = taken.layout.size;
        let pending: Buffer[] = [];
        let pendingBytes = 0;
        const send = async (blob: Buffer) => {
          remaining -= blob.length;
          const ok = call.write({ header: header(taken.header.revision), remaining_bytes: remaining, blob });
          if (!ok) await new Promise((resolve) => call.once('drain', resolve));
        };
        for await (const chunk of taken.bytes()) {
          pending.push(chunk);
          pendingBytes += chunk.length;
          while (pendingBytes >= SNAPSHOT_CHUNK) {
            const all = Buffer.concat(pending);
            await send(all.subarray(0, SNAPSHOT_CHUNK));
            pending = [all.subarray(SNAPSHOT_CHUNK)];
            pendingBytes = pending[0]!.length;
          }
          if (call.cancelled) return;
        }
        if (pendingBytes > 0) await send(Buffer.concat(pending));
        call.end();
      } finally {
        await taken.dispose();
      }
    })().catch((err: unknown) => {
      const { code, details } = toGrpcError(err);
      call.destroy(Object.assign(new Error(details), { code, details }));
    });
  };
}

export function clusterService(backend: Backend, clientUrls: () => string[]) {
  return {
    MemberList: unary(async () => ({
      header: header(await backend.currentRevision()),
      members: [{ ID: MEMBER_ID, name: 'k8ts', peerURLs: [], clientURLs: clientUrls(), isLearner: false }],
    })),
  };
}
