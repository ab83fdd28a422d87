// A user's own system, tested with faultline from vitest: a small replicated key-value
// store for tickets. Node n1 is the leader: it applies every operation, saves it to disk,
// and copies it to the other nodes, which redirect clients to n1. It stays linearizable
// through partitions, pauses and crashes (clients may time out, but never see a lie).
//
// The `localReads` option plants a classic bug: followers answer reads from their own
// copy, which lags behind the leader, so reads can be stale.
import { defineSystem } from "faultline";
import { z } from "zod";

const options = z.object({
  /** Let followers serve reads from their local copy (a bug: stale reads). */
  localReads: z.boolean().default(false),
});

/** The ticket store, as a system definition a scenario (or `simTest`) can run. */
export const ticketStore = defineSystem({
  name: "ticket-store",
  summary: "leader-based key-value store for tickets (n1 leads)",
  workload: "kv",
  options,
  build:
    ({ localReads }) =>
    ({ id, peers, ctx }) => {
      const copy = new Map<string, number>();
      const read = (key: string) =>
        id === "n1" ? ((ctx.disk.get(key) as number | undefined) ?? null) : (copy.get(key) ?? null);
      const store = (key: string, value: number) => {
        ctx.disk.put(key, value);
        ctx.disk.sync();
        for (const peer of peers) ctx.send(peer, { key, value });
      };
      return {
        onMessage(message) {
          const { key, value } = message.body as { key: string; value: number };
          copy.set(key, value);
        },
        onClientRequest(request) {
          const op = request.op as
            | { f: "read"; key: string }
            | { f: "write"; key: string; value: number }
            | { f: "cas"; key: string; from: number; to: number };
          if (op.f === "read" && localReads && id !== "n1") {
            ctx.respond(request, { type: "ok", value: read(op.key) });
            return;
          }
          if (id !== "n1") {
            ctx.respond(request, { type: "redirect", leader: "n1" });
            return;
          }
          if (op.f === "read") ctx.respond(request, { type: "ok", value: read(op.key) });
          else if (op.f === "write") {
            store(op.key, op.value);
            ctx.respond(request, { type: "ok" });
          } else if (read(op.key) !== op.from) {
            ctx.respond(request, { type: "fail", error: "cas-mismatch" });
          } else {
            store(op.key, op.to);
            ctx.respond(request, { type: "ok" });
          }
        },
        inspect: () => ({ role: id === "n1" ? "leader" : "follower" }),
      };
    },
});
