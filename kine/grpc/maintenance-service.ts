// etcdserverpb.Maintenance (Status, Alarm) and etcdserverpb.Cluster (MemberList) for a one-member cluster.
import type { Backend } from '../backend.js';
import { unary } from './errors.js';
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
