/**
 * Reading a node's disk when it starts. A simulated disk may inject read errors (as a real
 * one may fail a read transiently); a node that is starting retries a bounded number of
 * times before giving up, and giving up is a finding (the error propagates).
 */
import { DiskReadError } from "../../sim/disk.js";

/** Attempts at one read before the error is let through. */
export const MAX_READ_ATTEMPTS = 5;

/**
 * Runs `read`, retrying it when it throws a `DiskReadError`.
 *
 * @example
 * ```ts
 * const stored = readDurably(() => ctx.disk.get("incarnation"));
 * ```
 */
export function readDurably<T>(read: () => T): T {
  for (let attempt = 1; ; attempt++) {
    try {
      return read();
    } catch (error) {
      if (!(error instanceof DiskReadError) || attempt >= MAX_READ_ATTEMPTS) throw error;
    }
  }
}
