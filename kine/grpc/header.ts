// The ResponseHeader every etcd answer carries. k8ts is a one-member cluster: fixed cluster and member
// ids, raft term 1; the revision is the store's.
export const CLUSTER_ID = '14841639068965178418';
export const MEMBER_ID = '10276657743932975437';

export function header(revision: number) {
  return { cluster_id: CLUSTER_ID, member_id: MEMBER_ID, revision, raft_term: 1 };
}
