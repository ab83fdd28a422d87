import { describe, expect, it } from "vitest";
import {
  type ClusterView,
  checkConvergence,
  checkMembershipAccuracy,
  convergenceInvariant,
  membershipInvariant,
  type NodeStatus,
  type NodeSummary,
} from "../../src/index.js";

describe("checkConvergence", () => {
  it("accepts replicas that hold the same set, with every acknowledged value", () => {
    const result = checkConvergence({
      finalSets: { n1: [3, 1, 2], n2: [1, 2, 3] },
      acknowledged: [1, 3],
    });
    expect(result).toEqual({ type: "converged", replicas: ["n1", "n2"], size: 3 });
  });

  it("names the lagging replica, what it lacks, and who holds it", () => {
    const result = checkConvergence({
      finalSets: { n1: [1, 2, 3], n2: [1, 2], n3: [1, 2, 3] },
      acknowledged: [1, 2, 3],
    });
    expect(result.type).toBe("diverged");
    if (result.type !== "diverged") return;
    expect(result.explanation).toBe(
      "n2 lacks 1 value held by others (1 acknowledged): 3 (3 is held by n1, n3)",
    );
  });

  it("reports acknowledged values that no live replica holds as lost", () => {
    const result = checkConvergence({ finalSets: { n1: [1], n2: [1] }, acknowledged: [1, 7, 9] });
    expect(result).toMatchObject({
      type: "diverged",
      problems: [{ kind: "lost", values: [7, 9] }],
    });
    if (result.type === "diverged") {
      expect(result.explanation).toBe("2 acknowledged values held by no live replica (lost): 7, 9");
    }
  });

  it("shortens long lists of values", () => {
    const many = Array.from({ length: 20 }, (_, i) => i);
    const result = checkConvergence({ finalSets: { n1: many, n2: [] }, acknowledged: [] });
    expect(result.type === "diverged" && result.explanation).toContain(
      "0, 1, 2, 3, 4, 5, 6, 7 and 12 more",
    );
  });

  it("fails when values were acknowledged but no replica is live", () => {
    const result = checkConvergence({ finalSets: {}, acknowledged: [4] });
    expect(result.type === "diverged" && result.explanation).toBe(
      "1 value acknowledged, but no replica is live to hold them",
    );
  });
});

describe("checkMembershipAccuracy", () => {
  it("accepts views that match the ground truth (suspect is not dead)", () => {
    const result = checkMembershipAccuracy({
      views: { n1: { n2: "suspect", n3: "dead" }, n2: { n1: "alive", n3: "dead" } },
      live: ["n1", "n2"],
      crashed: ["n3"],
    });
    expect(result.type).toBe("accurate");
  });

  it("explains false deaths, undetected crashes and gaps in views", () => {
    const result = checkMembershipAccuracy({
      views: { n1: { n2: "dead", n3: "suspect" }, n2: { n1: "alive" } },
      live: ["n1", "n2", "n4"],
      crashed: ["n3"],
    });
    expect(result.type === "inaccurate" && result.explanation.split("\n")).toEqual([
      "n1 considers n2 dead, but n2 is up and connected",
      "n1's view does not mention n4",
      "n1 still sees n3 as suspect, but n3 crashed",
      "n2's view does not mention n4",
      "n2's view does not mention n3",
      "n4 is live but reported no membership view",
    ]);
  });
});

/** A hand-made cluster view: statuses and summaries given directly. */
function viewOf(nodes: Record<string, [NodeStatus, NodeSummary | undefined]>): ClusterView {
  return {
    nowUs: 0,
    nodeIds: Object.keys(nodes),
    status: (node) => nodes[node]![0],
    inspect: (node) => nodes[node]![1],
  };
}

describe("the invariants over a cluster view", () => {
  it("convergence collects acknowledged adds from reports and judges live nodes only", () => {
    const invariant = convergenceInvariant();
    const view = viewOf({
      n1: ["up", { values: [1, 2] }],
      n2: ["up", { values: [1] }],
      n3: ["crashed", undefined],
    });
    invariant.onReport?.("n1", { type: "add-acknowledged", value: 2 }, view);
    invariant.onReport?.("n1", { type: "something-else", value: 5 }, view);
    expect(invariant.kind).toBe("liveness");
    expect(invariant.atEnd?.(view)).toBe(
      "live replicas did not converge:\nn2 lacks 1 value held by others (1 acknowledged): 2 (2 is held by n1)",
    );
  });

  it("convergence says which node's summary has no values", () => {
    const view = viewOf({ n1: ["up", { role: "member" }] });
    expect(convergenceInvariant().atEnd?.(view)).toBe(
      "n1 is up, but its inspect() has no `values` array",
    );
  });

  it("membership accuracy reads `members` from every up node", () => {
    const view = viewOf({
      n1: ["up", { members: { n2: { status: "dead" }, n3: { status: "dead" } } }],
      n2: ["up", { members: { n1: { status: "alive" }, n3: { status: "dead" } } }],
      n3: ["crashed", undefined],
    });
    expect(membershipInvariant().atEnd?.(view)).toBe(
      "membership views are inaccurate after recovery:\nn1 considers n2 dead, but n2 is up and connected",
    );
  });
});
