import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { PYTHON, ROOT, type TestCluster, testCluster } from "./cluster-harness.js";

const ECHO = `${PYTHON} ${join(ROOT, "examples/maelstrom/python/echo.py")}`;

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

let current: TestCluster | undefined;
afterEach(async () => {
  await current?.close();
  current = undefined;
});

describe("ProcessCluster", () => {
  it("starts real nodes, initializes them and routes their replies through the network", async () => {
    current = testCluster(ECHO, ["n0", "n1", "n2"]);
    expect(await current.cluster.start()).toBe(true);
    const request = { src: "c0", dest: "n1", body: { type: "echo", msg_id: 7, echo: "hello" } };
    current.network.send("c0", "n1", request, JSON.stringify(request));
    await until(() => current!.received.length > 0);
    expect(current.received[0]!.message).toEqual({
      src: "n1",
      dest: "c0",
      body: { type: "echo_ok", echo: "hello", in_reply_to: 7 },
    });
    expect(current.findings).toEqual([]);
  });
});
