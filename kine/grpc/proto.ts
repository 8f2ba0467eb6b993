// etcd's v3 API definitions, loaded from the .proto files the `etcd3` package ships. Shared by the
// gRPC server (`k8ts kine`) and the client of a real etcd (etcd/etcd-backend.ts).
//
// Wire decoding: int64 fields arrive as decimal strings (exact for 64-bit lease ids), bytes as Buffers,
// enums as their numbers (etcd's, which the wire carries; the names in the shipped .proto vary), unset fields as defaults, and oneofs name the field that is set.
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const LOADER_OPTIONS: protoLoader.Options = {
  keepCase: true,
  longs: String,
  enums: Number,
  bytes: Buffer,
  defaults: true,
  oneofs: true,
};

let cached: grpc.GrpcObject | undefined;

/** The `etcdserverpb` package: service constructors (KV, Watch, Lease, Cluster, Maintenance) and definitions. */
export function etcdserverpb(): Record<string, grpc.ServiceClientConstructor> {
  if (!cached) {
    const def = protoLoader.loadSync(require.resolve('etcd3/proto/rpc.proto'), LOADER_OPTIONS);
    cached = grpc.loadPackageDefinition(def);
  }
  return cached.etcdserverpb as unknown as Record<string, grpc.ServiceClientConstructor>;
}
