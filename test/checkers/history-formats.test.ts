import { describe, expect, it } from "vitest";
import { detectHistoryFormat, parseHistory } from "../../src/checkers/formats/history-format.js";
import { formatHistoryProblem } from "../../src/checkers/history-problem.js";

function parsed(text: string, format: Parameters<typeof parseHistory>[1]["format"] = "auto") {
  const outcome = parseHistory(text, { file: "h.txt", format });
  if (!outcome.ok) throw new Error(formatHistoryProblem(outcome.problem));
  return outcome.value;
}

function problem(text: string, format: Parameters<typeof parseHistory>[1]["format"]) {
  const outcome = parseHistory(text, { file: "h.txt", format });
  if (outcome.ok) throw new Error("expected a problem");
  return outcome.problem;
}

describe("jsonl format", () => {
  it("reads events with optional key and time, skipping blank lines and ignoring extra fields", () => {
    const history = parsed(
      '{"process":0,"type":"invoke","f":"write","key":"x","value":1,"time":5,"index":0}\n\n{"process":"c1","type":"ok","f":"write","value":1}\n',
      "jsonl",
    );
    expect(history.events).toEqual([
      { process: 0, type: "invoke", f: "write", key: "x", value: 1, time: 5 },
      { process: "c1", type: "ok", f: "write", value: 1 },
    ]);
    expect(history.source?.lines).toEqual([1, 3]);
  });

  it("names the line of invalid JSON", () => {
    const found = problem('{"process":0,"type":"invoke","f":"read"}\n{"process": 1,', "jsonl");
    expect(found).toMatchObject({ file: "h.txt", line: 2, expected: "a JSON object" });
    expect(found.found).toContain("invalid JSON");
  });

  it("says which field is wrong and what it held", () => {
    expect(problem('{"process":0,"type":"done","f":"read"}', "jsonl")).toMatchObject({
      line: 1,
      expected: '"type" to be one of "invoke", "ok", "fail", "info"',
      found: '"done"',
    });
    expect(problem('{"type":"ok","f":"read"}', "jsonl").expected).toContain('"process"');
    expect(problem('{"process":0,"type":"ok","f":""}', "jsonl").expected).toContain('"f"');
    expect(problem('{"process":0,"type":"ok","f":"read","time":"noon"}', "jsonl").found).toBe(
      '"noon"',
    );
    expect(problem("[1,2]", "jsonl")).toMatchObject({ expected: "a JSON object", found: "[1,2]" });
  });
});

describe("jepsen-etcd format", () => {
  const log = [
    "INFO  jepsen.util - 2\t:invoke\t:cas\t[4 3]",
    "INFO  jepsen.util - 2\t:fail\t:cas\t[4 3]",
    "INFO  jepsen.util - 3   :invoke :read   nil",
    "INFO  jepsen.util - 3   :fail   :read   :timed-out",
    "INFO  jepsen.util - 4\t:invoke\t:write\t1",
    "INFO  jepsen.util - 4\t:info\t:write\t:timed-out",
    "INFO  jepsen.util - 0\t:invoke\t:read\tnil",
    "INFO  jepsen.util - 0\t:ok\t:read\tnil",
    "",
  ].join("\n");

  it("reads tab- and space-separated op lines the way Porcupine does", () => {
    expect(parsed(log, "jepsen-etcd").events).toEqual([
      { process: 2, type: "invoke", f: "cas", value: [4, 3] },
      // a failed compare-and-set ran and found another value: an ok cas that returned false
      { process: 2, type: "ok", f: "cas", value: false },
      { process: 3, type: "invoke", f: "read", value: null },
      // a timed-out read: its result is unknown
      { process: 3, type: "info", f: "read", value: null },
      { process: 4, type: "invoke", f: "write", value: 1 },
      { process: 4, type: "info", f: "write", value: null },
      { process: 0, type: "invoke", f: "read", value: null },
      { process: 0, type: "ok", f: "read", value: null },
    ]);
  });

  it("is what auto picks for such logs", () => {
    expect(parsed(log).format).toBe("jepsen-etcd");
  });

  it("rejects other lines, naming them", () => {
    const found = problem(
      "INFO  jepsen.util - 0\t:invoke\t:read\tnil\nsomething else\n",
      "jepsen-etcd",
    );
    expect(found).toMatchObject({ line: 2, found: '"something else"' });
    expect(found.expected).toContain("INFO  jepsen.util -");
    expect(problem("INFO  jepsen.util - x :invoke :read nil", "jepsen-etcd").expected).toBe(
      "an integer process id",
    );
    expect(problem("INFO  jepsen.util - 1 :invoke :write [1", "jepsen-etcd")).toMatchObject({
      line: 1,
      found: '"[1"',
    });
  });
});

describe("porcupine-kv format", () => {
  it("reads EDN op maps with keys", () => {
    const history = parsed(
      '{:process 0, :type :invoke, :f :append, :key "0", :value "x 0 0 y"}\n{:process 0, :type :ok, :f :append, :key "0", :value "x 0 0 y"}\n',
    );
    expect(history.format).toBe("porcupine-kv");
    expect(history.events[0]).toEqual({
      process: 0,
      type: "invoke",
      f: "append",
      key: "0",
      value: "x 0 0 y",
    });
  });

  it("rejects functions other than get, put and append, and missing keys", () => {
    expect(
      problem('{:process 0, :type :invoke, :f :read, :key "1"}', "porcupine-kv"),
    ).toMatchObject({
      line: 1,
      expected: ":f to be one of :get, :put, :append",
      found: ":read",
    });
    expect(problem("{:process 0, :type :invoke, :f :get}\n", "porcupine-kv").expected).toBe(
      "a :key",
    );
  });
});

describe("jepsen-edn format", () => {
  it("reads a vector of op maps with extra keys, skipping nemesis events", () => {
    const history = parsed(
      `[{:type :invoke, :f :read, :value nil, :process 0, :time 10, :index 0}
 {:type :info, :f :start, :value nil, :process :nemesis, :time 11}
 {:type :ok, :f :read, :value 3, :process 0, :time 12, :index 1}
 {:type :invoke, :f :cas, :value [1 2], :process 1, :time 13}
 {:type :fail, :f :cas, :value [1 2], :process 1, :error :precondition-failed}]`,
    );
    expect(history.format).toBe("jepsen-edn");
    expect(history.events).toEqual([
      { process: 0, type: "invoke", f: "read", value: null, time: 10 },
      { process: 0, type: "ok", f: "read", value: 3, time: 12 },
      { process: 1, type: "invoke", f: "cas", value: [1, 2], time: 13 },
      { process: 1, type: "fail", f: "cas", value: [1, 2] },
    ]);
    expect(history.source?.lines).toEqual([1, 3, 4, 5]);
  });

  it("reads one map per line, a list, keywords and strings as values, tags and comments", () => {
    const history = parsed(
      `; a history\n{:process 0 :type :invoke :f :write :value :a :time #inst "2020"}\n#_{:ignored true}\n{:process 0 :type :ok :f :write :value "a"}\n`,
      "jepsen-edn",
    );
    expect(history.events.map((event) => event.value)).toEqual(["a", "a"]);
    expect(history.source?.lines).toEqual([2, 4]);
    expect(parsed("({:process 0 :type :invoke :f :read})", "jepsen-edn").events).toHaveLength(1);
  });

  it("names the line of malformed EDN and of maps that are not ops", () => {
    expect(
      problem("[{:process 0 :type :invoke :f :read}\n {:process 1", "jepsen-edn"),
    ).toMatchObject({
      file: "h.txt",
      line: 2,
    });
    expect(problem("[{:process 0 :type :invoke :f :read}\n 42]", "jepsen-edn")).toMatchObject({
      line: 2,
      found: "42",
    });
    expect(problem("{:process 0 :type :nope :f :read}", "jepsen-edn")).toMatchObject({
      line: 1,
      expected: ":type to be one of :invoke, :ok, :fail, :info",
      found: ":nope",
    });
    expect(problem("{:process 0 :type}", "jepsen-edn").found).toBe("an odd number of forms");
  });
});

describe("format detection", () => {
  it("guesses from the first line and asks for --format when it cannot", () => {
    const guess = (text: string) => {
      const outcome = detectHistoryFormat(text, "h");
      return outcome.ok ? outcome.value : outcome.problem.found;
    };
    expect(guess('\n{"process":0}')).toBe("jsonl");
    expect(guess('{:process 0, :f :get, :key "1"}')).toBe("porcupine-kv");
    expect(guess("{:process 0, :f :read}")).toBe("jepsen-edn");
    expect(guess("[{:process 0}]")).toBe("jepsen-edn");
    expect(guess("")).toBe("jsonl");
    expect(guess("hello world")).toBe('"hello world"');
    const outcome = detectHistoryFormat("hello", "h");
    expect(!outcome.ok && outcome.problem.expected).toContain("--format");
  });
});
