// A leader-elected replicated register, written as a user would write a system, with one
// planted bug. It is the system of `faultline bench ui` (a long failing run to open in the
// terminal UI) and of the UI's own tests, because its `inspect()` shows what the UI is
// for: who is leader in which term, and how far each node has committed.
//
// Nodes elect a leader with terms and votes (a candidate needs a majority and a log at
// least as long as the voter's); the leader appends writes and compare-and-sets to its log,
// replicates them with heartbeats, and answers the client once a majority holds the entry.
// The bug: the leader answers reads from its own copy without checking that it is still
// the leader, so a leader cut off by a partition goes on serving stale reads while the
// majority elects another leader and moves on.
const HEARTBEAT_MS = 40;
const ELECTION_MS_MIN = 150;
const ELECTION_MS_SPAN = 150;

export function leaderRegister({ id, peers, ctx, restarted }) {
  let term = 0;
  let role = "follower";
  let leader;
  let votedFor;
  let votes = 0;
  let commitIndex = 0;
  let applied = 0;
  /** Entries `{ term, f, key, value, from }` (no `f`: a no-op); entry i (1-based) is log[i - 1]. */
  const log = [];
  const values = new Map();
  /** Per peer, as the leader knows it: entries it holds for sure, and where to send from. */
  const matchIndex = new Map();
  const nextIndex = new Map();
  /** Client requests waiting for their entry to commit, by log index, with the entry's term. */
  const waiting = new Map();
  let electionTimer = 0;
  let heartbeatTimer = 0;
  const majority = Math.floor((peers.length + 1) / 2) + 1;

  // Term, vote and log are synced to disk before the node acts on them (entry i under
  // `e<i>`), and read back after a crash; the rest is rebuilt by replication.
  const saveVote = () => {
    ctx.disk.put("vote", { term, votedFor: votedFor ?? null });
    ctx.disk.sync();
  };
  const saveLog = (from) => {
    for (let at = from; at < log.length; at++) ctx.disk.put(`e${at}`, log[at]);
    ctx.disk.put("length", log.length);
    ctx.disk.sync();
  };
  if (restarted) {
    const vote = ctx.disk.get("vote");
    term = vote?.term ?? 0;
    votedFor = vote?.votedFor ?? undefined;
    const length = ctx.disk.get("length") ?? 0;
    for (let at = 0; at < length; at++) log.push(ctx.disk.get(`e${at}`));
  }

  const resetElection = () => {
    ctx.cancelTimer(electionTimer);
    electionTimer = ctx.setTimer(ELECTION_MS_MIN + ctx.random() * ELECTION_MS_SPAN, campaign);
  };
  const lastTerm = () => (log.length === 0 ? 0 : log[log.length - 1].term);

  const becomeFollower = (newTerm, newLeader) => {
    if (newTerm > term) {
      votedFor = undefined;
      term = newTerm;
      saveVote();
    }
    leader = newLeader;
    if (role === "leader") ctx.cancelTimer(heartbeatTimer);
    if (role !== "follower") ctx.log(`${role} -> follower in term ${term}`);
    role = "follower";
    resetElection();
  };

  function campaign() {
    term++;
    role = "candidate";
    votedFor = id;
    votes = 1;
    leader = undefined;
    saveVote();
    ctx.log(`campaigns in term ${term}`);
    for (const peer of peers)
      ctx.send(peer, { type: "vote?", term, lastIndex: log.length, lastTerm: lastTerm() });
    resetElection();
  }

  const apply = () => {
    while (applied < commitIndex) {
      const entry = log[applied++];
      const swaps = entry.f !== "cas" || (values.get(entry.key) ?? null) === entry.from;
      if (entry.f !== undefined && swaps) values.set(entry.key, entry.value);
      const waiter = waiting.get(applied);
      if (waiter === undefined) continue;
      waiting.delete(applied);
      if (waiter.term !== entry.term)
        ctx.respond(waiter.request, { type: "fail", error: "overwritten" });
      else
        ctx.respond(
          waiter.request,
          swaps ? { type: "ok" } : { type: "fail", error: "cas-mismatch" },
        );
    }
  };

  const replicate = () => {
    for (const peer of peers) {
      const from = nextIndex.get(peer) ?? 0;
      ctx.send(peer, {
        type: "append",
        term,
        from,
        previousTerm: from === 0 ? 0 : log[from - 1].term,
        entries: log.slice(from, from + 50),
        commitIndex,
      });
    }
  };

  const heartbeat = () => {
    if (role !== "leader") return;
    replicate();
    heartbeatTimer = ctx.setTimer(HEARTBEAT_MS, heartbeat);
  };

  const becomeLeader = () => {
    role = "leader";
    leader = id;
    ctx.cancelTimer(electionTimer);
    matchIndex.clear();
    for (const peer of peers) nextIndex.set(peer, log.length);
    log.push({ term }); // a no-op entry of the new term, so older entries can commit
    saveLog(log.length - 1);
    ctx.log(`leader in term ${term}`);
    ctx.report({ type: "leader", term });
    heartbeat();
  };

  const advanceCommit = () => {
    const matches = [log.length, ...peers.map((peer) => matchIndex.get(peer) ?? 0)];
    matches.sort((a, b) => b - a);
    const candidate = matches[majority - 1];
    if (candidate > commitIndex && log[candidate - 1].term === term) {
      commitIndex = candidate;
      apply();
    }
  };

  const handlers = {
    "vote?"(from, body) {
      if (body.term > term) becomeFollower(body.term, undefined);
      const upToDate =
        body.lastTerm > lastTerm() ||
        (body.lastTerm === lastTerm() && body.lastIndex >= log.length);
      const granted =
        body.term === term && upToDate && (votedFor === undefined || votedFor === from);
      if (granted) {
        votedFor = from;
        saveVote();
        resetElection();
      }
      ctx.send(from, { type: "vote", term, granted });
    },
    vote(_from, body) {
      if (body.term > term) return becomeFollower(body.term, undefined);
      if (role !== "candidate" || body.term !== term || !body.granted) return;
      if (++votes >= majority) becomeLeader();
    },
    append(from, body) {
      if (body.term < term) return ctx.send(from, { type: "ack", term, ok: false, next: 0 });
      if (body.term > term || role !== "follower" || leader !== from)
        becomeFollower(body.term, from);
      else resetElection();
      const previous = body.from === 0 ? 0 : log[body.from - 1]?.term;
      if (previous !== body.previousTerm) {
        const next = Math.max(0, Math.min(log.length, body.from - 1));
        return ctx.send(from, { type: "ack", term, ok: false, next });
      }
      let changedFrom = log.length;
      body.entries.forEach((entry, offset) => {
        const at = body.from + offset;
        if (at < log.length && log[at].term === entry.term) return;
        log.length = at; // a conflicting suffix goes
        log.push(entry);
        changedFrom = Math.min(changedFrom, at);
      });
      if (changedFrom < log.length) saveLog(changedFrom);
      const matched = body.from + body.entries.length;
      commitIndex = Math.max(commitIndex, Math.min(body.commitIndex, matched));
      apply();
      ctx.send(from, { type: "ack", term, ok: true, next: matched });
    },
    ack(from, body) {
      if (body.term > term) return becomeFollower(body.term, undefined);
      if (role !== "leader" || body.term !== term) return;
      if (!body.ok) {
        nextIndex.set(from, Math.min(nextIndex.get(from) ?? 0, body.next));
        return;
      }
      matchIndex.set(from, Math.max(matchIndex.get(from) ?? 0, body.next));
      nextIndex.set(from, body.next);
      advanceCommit();
    },
  };

  resetElection();
  return {
    onMessage(message) {
      handlers[message.body.type]?.(message.from, message.body);
    },
    onClientRequest(request) {
      const op = request.op;
      if (role !== "leader") {
        ctx.respond(request, { type: "redirect", leader });
        return;
      }
      if (op.f === "read") {
        // The planted bug: no check that this node is still the leader.
        ctx.respond(request, { type: "ok", value: values.get(op.key) ?? null });
        return;
      }
      const value = op.f === "write" ? op.value : op.to;
      log.push({ term, f: op.f, key: op.key, value, from: op.from });
      saveLog(log.length - 1);
      waiting.set(log.length, { request, term });
      replicate();
    },
    inspect() {
      return { role, term, commitIndex, log: log.length, leader: leader ?? null };
    },
  };
}

export default leaderRegister;
