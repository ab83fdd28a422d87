/**
 * A Maelstrom service as a pure state machine: it gets a request body from a node (and
 * the time, in microseconds, for those whose answers depend on it) and returns the reply
 * bodies. No I/O and no clock of its own, so the simulation and the process network can
 * both host it, and a seed fixes its choices (through the random source it is given).
 */
import type { MaelstromBody } from "../protocol.js";

/** A running service. */
export interface MaelstromService {
  /** The service's node name, e.g. `lin-kv`. */
  readonly name: string;
  /** Handles one request from node `src` at `nowUs`; returns the replies (usually one). */
  handle(src: string, body: MaelstromBody, nowUs: number): MaelstromBody[];
}
