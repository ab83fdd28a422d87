/**
 * The reference coordination service: the system, its options and bugs, its state
 * machine, and the operations its clients send.
 */
export { type ClusterLayout, clusterLayout, type NodeRole } from "./cluster-layout.js";
export {
  COORD_BUGS,
  type CoordBug,
  type CoordOptions,
  coordOptionsSchema,
  resolveCoordOptions,
} from "./coord-options.js";
export {
  CoordStateMachine,
  LOCK_BUSY,
  LOCK_NOT_HELD,
  lockPath,
  SESSION_EXPIRED,
} from "./coord-state-machine.js";
export { coordInvariants, coordNodeFactory, coordSystem } from "./coord-system.js";
export { ServiceClient, type ServiceClientOptions } from "./service-client.js";
export type {
  AcquireLockOp,
  CloseSessionOp,
  DraftServiceOp,
  KeepaliveOp,
  ListOp,
  OpenSessionOp,
  RegisterOp,
  RegistryChange,
  RegistryEntryView,
  RegistryListing,
  ReleaseLockOp,
  ServiceOp,
  UnregisterOp,
  WatchBatch,
  WatchOp,
} from "./service-ops.js";
export type { StorageReply, StorageRequest } from "./storage-node.js";
