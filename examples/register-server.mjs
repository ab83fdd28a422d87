// A system written by a user, in plain JavaScript, plugged into a scenario file with
// `system: { module: path/to/register-server.mjs, export: registerServer }`.
//
// registerServer: node n1 holds every key and serves reads, writes and compare-and-sets;
// the other nodes redirect clients to it. Linearizable (while n1 is up). The other exports
// are deliberately broken systems that faultline's own tests use to check that the harness
// catches what it should.
export function registerServer({ id, ctx }) {
  // Every value lives on n1's disk, synced before the client hears "ok": it survives crashes.
  const read = (key) => ctx.disk.get(key) ?? null;
  const store = (key, value) => {
    ctx.disk.put(key, value);
    ctx.disk.sync();
  };
  return {
    onClientRequest(request) {
      if (id !== "n1") {
        ctx.respond(request, { type: "redirect", leader: "n1" });
        return;
      }
      const op = request.op;
      if (op.f === "read") ctx.respond(request, { type: "ok", value: read(op.key) });
      else if (op.f === "write") {
        store(op.key, op.value);
        ctx.respond(request, { type: "ok" });
      } else if (op.f === "cas") {
        if (read(op.key) !== op.from) ctx.respond(request, { type: "fail", error: "cas-mismatch" });
        else {
          store(op.key, op.to);
          ctx.respond(request, { type: "ok" });
        }
      }
    },
  };
}

// The same, but every node answers reads from a local copy that n1 updates by message:
// reads can be stale, so histories are not linearizable.
export function staleReplicas({ id, peers, ctx }) {
  const values = new Map();
  return {
    onMessage(message) {
      values.set(message.body.key, message.body.value);
    },
    onClientRequest(request) {
      const op = request.op;
      if (op.f === "read") {
        ctx.respond(request, { type: "ok", value: values.has(op.key) ? values.get(op.key) : null });
        return;
      }
      if (id !== "n1") {
        ctx.respond(request, { type: "redirect", leader: "n1" });
        return;
      }
      const current = values.has(op.key) ? values.get(op.key) : null;
      if (op.f === "cas" && current !== op.from) {
        ctx.respond(request, { type: "fail", error: "cas-mismatch" });
        return;
      }
      const value = op.f === "write" ? op.value : op.to;
      values.set(op.key, value);
      for (const peer of peers) ctx.send(peer, { key: op.key, value });
      ctx.respond(request, { type: "ok" });
    },
  };
}

// Throws on the first client request: a system bug the harness must report, not crash on.
export function throwsOnRequest() {
  return {
    onClientRequest() {
      throw new Error("unexpected op");
    },
  };
}

// Spins forever on the first client request: only a watchdog can stop it.
export function spinsOnRequest() {
  return {
    onClientRequest() {
      for (;;) {}
    },
  };
}

// Keeps every request it ever saw, a megabyte at a time: only a memory watchdog stops it.
export function hoardsMemory() {
  const hoard = [];
  return {
    onClientRequest() {
      for (let i = 0; i < 64; i++) hoard.push(new Array(16_384).fill(i));
    },
  };
}

// Loses its memory on restart and then ignores every client: never live again.
export function deafAfterRestart(init) {
  if (init.restarted) return { onClientRequest() {} };
  return registerServer(init);
}

export default registerServer;
