import { describe, expect, it } from "vitest";
import {
  kvPrimaryBackupSystem,
  ms,
  type PrimaryBackupBug,
  seconds,
  type ViewStartedFact,
} from "../../../src/index.js";
import type { ClientDriver, Outcome } from "./client-driver.js";
import { kvCluster, randomRun } from "./kv-cluster.js";

function build(bug: PrimaryBackupBug = "none") {
  return kvPrimaryBackupSystem.build(kvPrimaryBackupSystem.options.parse({ bug }));
}

/** Sends `op` to `node`, following redirects (up to 10 hops, 50 ms apart). */
async function invokeFollowing(
  driver: ClientDriver,
  sleep: (us: number) => Promise<void>,
  node: string,
  op: { f: string; [field: string]: unknown },
): Promise<Outcome> {
  let target = node;
  for (let hop = 0; hop < 10; hop++) {
    const outcome = await driver.invoke("c1", target, op);
    if (outcome.type !== "redirect") return outcome;
    if (outcome.leader !== undefined) target = outcome.leader;
    await sleep(ms(50));
  }
  return { type: "timeout" };
}

/** Writes x = 1, 2, 3 through the primary n1, crashes n1 the moment the last write is acknowledged, then reads x from the survivors. */
async function writeThenCrashPrimary(bug: PrimaryBackupBug) {
  const { sim, driver } = kvCluster(11, build(bug));
  const views: ViewStartedFact[] = [];
  sim.onReport((_node, fact) => {
    if ((fact as { type?: unknown }).type === "view-started") views.push(fact as ViewStartedFact);
  });
  const script = (async () => {
    await sim.sleep(ms(500));
    for (const value of [1, 2, 3]) {
      expect(await driver.invoke("c1", "n1", { f: "write", key: "x", value })).toEqual({
        type: "ok",
      });
    }
    sim.crash("n1");
    await sim.sleep(seconds(2));
    return invokeFollowing(driver, (us) => sim.sleep(us), "n2", { f: "read", key: "x" });
  })();
  await sim.run({ untilUs: seconds(4) });
  return { read: await script, views };
}

describe("kv-primary-backup", () => {
  it("forms a view with n1 as primary and every node as member", async () => {
    const { sim } = kvCluster(1, build());
    await sim.run({ untilUs: ms(500) });
    expect(sim.inspect("n1")).toMatchObject({
      role: "leader",
      epoch: 1,
      members: ["n1", "n2", "n3"],
    });
    expect(sim.inspect("n2")).toMatchObject({ role: "backup", epoch: 1 });
  });

  it("survives a crash of the primary without losing acknowledged writes", async () => {
    const { read, views } = await writeThenCrashPrimary("none");
    expect(read).toEqual({ type: "ok", value: 3 });
    expect(views.map((view) => [view.epoch, view.primary])).toEqual([
      [1, "n1"],
      [2, "n2"],
    ]);
  });

  it("with the async-replication bug, loses writes acknowledged just before the crash", async () => {
    const { read, views } = await writeThenCrashPrimary("async-replication");
    expect(views.at(-1)?.primary).toBe("n2");
    expect(read).toEqual({ type: "ok", value: null });
  });

  it("stays linearizable under random crashes, pauses, partitions and clock jumps", async () => {
    for (let seed = 1; seed <= 4; seed++) {
      const run = await randomRun(seed, build(), ["crash", "pause", "partition", "clock"]);
      expect(run.verdict.type, `seed ${seed}`).toBe("linearizable");
      expect(run.acknowledged).toBeGreaterThan(50);
    }
  });

  it("with the async-replication bug, random crashes and partitions make it non-linearizable", async () => {
    const verdicts: string[] = [];
    for (let seed = 1; seed <= 3; seed++) {
      verdicts.push(
        (await randomRun(seed, build("async-replication"), ["crash", "partition"])).verdict.type,
      );
    }
    expect(verdicts).toContain("not-linearizable");
  });

  it("replays a seed to the same trace hash", async () => {
    const first = await randomRun(5, build(), ["crash", "partition", "clock"]);
    const second = await randomRun(5, build(), ["crash", "partition", "clock"]);
    expect(second.traceHash).toBe(first.traceHash);
  });

  it("rejects a heartbeat that is not shorter than the failure timeout", () => {
    const parsed = kvPrimaryBackupSystem.options.safeParse({
      heartbeatIntervalMs: 500,
      failureTimeoutMs: 400,
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(["heartbeatIntervalMs"]);
  });
});
