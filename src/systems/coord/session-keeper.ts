/**
 * The leader's duty of expiring sessions. Renewals are not written to the log (that would
 * replicate every heartbeat); the leader alone hears them and keeps, in memory, when it last
 * heard from each session. When a session stays silent for its TTL, measured by the
 * leader's session clock (`session-clock.ts`), the leader proposes "expire this session",
 * and every replica deletes the session, its locks and its ephemeral entries when it
 * applies that command: the decision is the leader's, its effect is replicated and
 * deterministic.
 *
 * Across leader changes: a new leader knows nothing of renewals its predecessor heard, so
 * it gives every session a full TTL from its own election (as Chubby's new master does).
 * That is safe because a renewal is acknowledged only after the leader confirmed, with a
 * heartbeat round sent after the renewal arrived, that it still led: any later leader was
 * elected after the renewal arrived. While an expiry is proposed and not yet applied, a
 * renewal of that session is answered "unknown", never "ok".
 */
import type { LeaderDriver, LeaderDuties } from "../raft/state-machine.js";
import { isServiceOp, type LeaderOp, sessionOf } from "./service-ops.js";
import { SessionClock } from "./session-clock.js";
import type { SessionTable } from "./session-table.js";

/** How the keeper works. */
export interface SessionKeeperOptions {
  /** How often the leader looks for sessions to expire, in ms of its clock. */
  readonly expiryCheckMs: number;
  /** The planted bug `lease-local-clock`: measure idle time by raw wall-clock readings. */
  readonly trustsClock: boolean;
  /**
   * The planted bug `ephemeral-leak`: the leader remembers the ephemeral entries created
   * while it leads and deletes those (only) when it expires their session.
   */
  readonly deletesEntriesFromMemory: boolean;
}

/** A session clock step may exceed the check interval by this factor before it is cut. */
const STEP_ALLOWANCE = 1.25;

/** The leader duties of the coordination service. */
export class SessionKeeper implements LeaderDuties {
  readonly #sessions: SessionTable;
  readonly #options: SessionKeeperOptions;
  #driver: LeaderDriver | undefined;
  #clock: SessionClock | undefined;
  #timer: number | undefined;
  /** Session clock reading when each open session was last heard from. */
  readonly #lastHeard = new Map<number, number>();
  /** Sessions whose expiry was proposed and is not applied yet. */
  readonly #expiring = new Set<number>();
  /** The bug's memory: ephemeral paths created while this node leads, per session. */
  readonly #remembered = new Map<number, string[]>();

  /** The keeper of the sessions in `sessions` (the replica's table, read as it changes). */
  constructor(sessions: SessionTable, options: SessionKeeperOptions) {
    this.#sessions = sessions;
    this.#options = options;
  }

  /** Every open session gets a full TTL from now. */
  start(driver: LeaderDriver): void {
    this.#driver = driver;
    const maxStepUs = Math.round(this.#options.expiryCheckMs * 1000 * STEP_ALLOWANCE);
    this.#clock = new SessionClock(maxStepUs, this.#options.trustsClock);
    this.#clock.start(this.#reading(driver));
    for (const id of this.#sessions.ids()) this.#lastHeard.set(id, 0);
    this.#arm();
  }

  /** Forgets everything: the next leader starts afresh. */
  stop(): void {
    if (this.#timer !== undefined) this.#driver?.cancelTimer(this.#timer);
    this.#timer = undefined;
    this.#driver = undefined;
    this.#clock = undefined;
    this.#lastHeard.clear();
    this.#expiring.clear();
    this.#remembered.clear();
  }

  /** Any operation of a session that reaches the leader counts as hearing from it. */
  arrived(_client: string, op: unknown): void {
    if (!isServiceOp(op)) return;
    const session = sessionOf(op);
    if (session !== undefined && this.#lastHeard.has(session)) this.#heard(session);
  }

  /** A session was opened (applied) while this node leads. */
  opened(session: number): void {
    if (this.#driver !== undefined) this.#heard(session);
  }

  /** A session ended (applied). */
  ended(session: number): void {
    this.#lastHeard.delete(session);
    this.#expiring.delete(session);
    this.#remembered.delete(session);
  }

  /** An ephemeral entry was created (applied); only the planted bug's memory keeps it. */
  entryCreated(session: number, path: string): void {
    if (this.#driver === undefined || !this.#options.deletesEntriesFromMemory) return;
    const paths = this.#remembered.get(session) ?? [];
    paths.push(path);
    this.#remembered.set(session, paths);
  }

  /** Whether this leader proposed to expire `session` and has not applied it yet. */
  isExpiring(session: number): boolean {
    return this.#expiring.has(session);
  }

  #heard(session: number): void {
    this.#lastHeard.set(session, this.#clock!.read(this.#reading(this.#driver!)));
  }

  /**
   * A reading of the clock sessions are timed by: the leader's monotonic clock, as a real
   * lease keeper's is. The planted bug `lease-local-clock` reads the wall clock instead,
   * which faults jump.
   */
  #reading(driver: LeaderDriver): number {
    return this.#options.trustsClock ? driver.nowUs() : driver.monotonicNowUs();
  }

  #arm(): void {
    this.#timer = this.#driver!.setTimer(this.#options.expiryCheckMs, () => this.#tick());
  }

  #tick(): void {
    const driver = this.#driver;
    if (driver === undefined) return;
    const elapsedUs = this.#clock!.read(this.#reading(driver));
    for (const [session, heardUs] of this.#lastHeard) {
      if (this.#expiring.has(session)) continue;
      const ttlMs = this.#sessions.get(session)?.ttlMs;
      if (ttlMs === undefined || elapsedUs - heardUs < ttlMs * 1000) continue;
      if (this.#propose({ f: "expire-session", session }) === undefined) break;
      if (this.#sessions.has(session)) this.#expiring.add(session);
      driver.log(`expiring session ${session}: silent for ${(elapsedUs - heardUs) / 1000} ms`);
      const paths = this.#remembered.get(session);
      if (paths !== undefined) this.#propose({ f: "delete-entries", session, paths });
    }
    this.#arm();
  }

  #propose(op: LeaderOp): number | undefined {
    return this.#driver!.propose(op);
  }
}
