/**
 * faultline: deterministic simulation and fault-injection testing for distributed systems.
 *
 * This module is the public API. Everything a user (or a reference system) needs is
 * exported from here.
 */
export const version = "0.1.0";

export * from "./sim/index.js";
export * from "./systems/definition.js";
export * from "./systems/raft/index.js";
export * from "./workload/protocol.js";
