// A small Maelstrom node library, shaped as Maelstrom's own JS and Python libraries are:
// `node.on(type, handler)`, `node.reply(req, body)`, `node.send(dest, body)`,
// `node.rpc(dest, body, {timeoutMs})`, `init` handled for you, `node.nodeId` / `node.nodeIds`.
//
// One node file runs two ways:
//   - `node my-node.mjs` (or as Maelstrom's --bin): newline-delimited JSON on stdin/stdout,
//     real time, logs to stderr;
//   - inside faultline's simulation (`system: { maelstrom: ./my-node.mjs }`): the default
//     export is a node program that faultline runs on its virtual clock.
// So a node must use the node's clock, timers and randomness (`node.now()`, `node.after`,
// `node.every`, `node.random()`), never Date, setTimeout or Math.random directly.
//
//   import { maelstromNode } from "./maelstrom-node.mjs";
//   export default maelstromNode(import.meta.url, (node) => {
//     node.on("echo", (req) => node.reply(req, { type: "echo_ok", echo: req.body.echo }));
//   });

import { resolve } from "node:path";
import { argv, stderr, stdin, stdout } from "node:process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

/** Maelstrom's error codes. */
export const ERROR = Object.freeze({
  timeout: 0,
  nodeNotFound: 1,
  notSupported: 10,
  temporarilyUnavailable: 11,
  malformedRequest: 12,
  crash: 13,
  abort: 14,
  keyDoesNotExist: 20,
  keyAlreadyExists: 21,
  preconditionFailed: 22,
  txnConflict: 30,
});

/**
 * An error to throw from a handler (it becomes an error reply) or that `rpc` rejects with.
 * Not an Error subclass: it carries no stack, so timeouts stay cheap.
 */
export class RPCError {
  constructor(code, text, body = undefined) {
    this.code = code;
    this.text = text;
    this.body = body;
  }

  get message() {
    return `error ${this.code}: ${this.text}`;
  }

  toString() {
    return this.message;
  }

  /** The error reply body. */
  toBody() {
    return { type: "error", code: this.code, text: this.text };
  }
}

/**
 * Returned by handlers and timer callbacks that settled a promise: faultline's simulation
 * lets promise continuations run before its next event when a callback returns a promise.
 */
const SETTLED = Promise.resolve();

/** A Maelstrom node over a runtime (stdio or the simulation). */
export class Node {
  #runtime;
  #handlers = new Map();
  #replyHandlers = new Map();
  #nextMsgId = 1;
  nodeId = "";
  nodeIds = [];

  constructor(runtime) {
    this.#runtime = runtime;
  }

  /** Registers the handler of requests of `type`. `init` handlers run after the ids are set. */
  on(type, handler) {
    this.#handlers.set(type, handler);
    return this;
  }

  /** Sends a message body to `dest`. */
  send(dest, body) {
    this.#runtime.send({ src: this.nodeId, dest, body });
  }

  /** Answers `req` with `body`. */
  reply(req, body) {
    if (req.body.msg_id === undefined) return;
    this.send(req.src, { ...body, in_reply_to: req.body.msg_id });
  }

  /** Sends an RPC request; resolves with the reply body, rejects with an RPCError (code 0 on timeout). */
  rpc(dest, body, { timeoutMs = 1000 } = {}) {
    const msgId = this.#nextMsgId++;
    return new Promise((resolve, reject) => {
      const timer = this.#runtime.setTimer(timeoutMs, () => {
        this.#replyHandlers.delete(msgId);
        reject(new RPCError(ERROR.timeout, `RPC to ${dest} timed out after ${timeoutMs}ms`));
        return SETTLED;
      });
      this.#replyHandlers.set(msgId, (reply) => {
        this.#runtime.cancelTimer(timer);
        if (reply.type === "error") reject(new RPCError(reply.code, reply.text ?? "", reply));
        else resolve(reply);
      });
      this.send(dest, { ...body, msg_id: msgId });
    });
  }

  /** Runs `callback` after `delayMs` of this node's clock. */
  after(delayMs, callback) {
    return this.#runtime.setTimer(delayMs, callback);
  }

  /** Runs `callback` every `periodMs` of this node's clock, for the life of the node. */
  every(periodMs, callback) {
    const tick = () => {
      this.#runtime.setTimer(periodMs, tick);
      return callback();
    };
    this.#runtime.setTimer(periodMs, tick);
  }

  /** Resolves after `delayMs` of this node's clock. */
  sleep(delayMs) {
    return new Promise((resolve) =>
      this.#runtime.setTimer(delayMs, () => {
        resolve();
        return SETTLED;
      }),
    );
  }

  /** This node's clock, in milliseconds. */
  now() {
    return this.#runtime.nowMs();
  }

  /** A float in [0, 1) from this node's random stream. */
  random() {
    return this.#runtime.random();
  }

  /** Logs a line (stderr, or the simulation's trace). */
  log(text) {
    this.#runtime.log(text);
  }

  /** Handles one incoming message. */
  handle(message) {
    const { body } = message;
    if (body.in_reply_to !== undefined && body.in_reply_to !== null) {
      const handler = this.#replyHandlers.get(body.in_reply_to);
      if (handler === undefined) return undefined;
      this.#replyHandlers.delete(body.in_reply_to);
      handler(body);
      return SETTLED;
    }
    if (body.type === "init") {
      this.nodeId = body.node_id;
      this.nodeIds = body.node_ids;
    }
    const handler = this.#handlers.get(body.type);
    if (handler === undefined) {
      if (body.type === "init") this.reply(message, { type: "init_ok" });
      else
        this.#replyError(message, new RPCError(ERROR.notSupported, `no handler for ${body.type}`));
      return undefined;
    }
    let result;
    try {
      result = handler(message);
    } catch (error) {
      this.#replyError(message, error);
      return undefined;
    }
    const done = () => {
      if (body.type === "init") this.reply(message, { type: "init_ok" });
    };
    if (result instanceof Promise) {
      return result.then(done, (error) => this.#replyError(message, error));
    }
    done();
    return undefined;
  }

  #replyError(message, error) {
    const body =
      error instanceof RPCError
        ? error.toBody()
        : { type: "error", code: ERROR.crash, text: String(error?.stack ?? error) };
    this.reply(message, body);
  }
}

/** A node program (for faultline's simulation) built from `setup(node)`. */
export function nodeProgram(setup) {
  return (runtime) => {
    const node = new Node(runtime);
    setup(node);
    return { handle: (message) => node.handle(message) };
  };
}

/** Runs `program` over stdin/stdout on real time, as Maelstrom runs a --bin. */
export function runStdio(program) {
  const timers = new Map();
  let nextTimer = 1;
  const runtime = {
    send: (message) => stdout.write(`${JSON.stringify(message)}\n`),
    setTimer(delayMs, callback) {
      const id = nextTimer++;
      timers.set(
        id,
        setTimeout(() => {
          timers.delete(id);
          callback();
        }, delayMs),
      );
      return id;
    },
    cancelTimer(id) {
      clearTimeout(timers.get(id));
      timers.delete(id);
    },
    nowMs: () => Date.now(),
    random: () => Math.random(),
    log: (text) => stderr.write(`${text}\n`),
  };
  const handler = program(runtime);
  const lines = createInterface({ input: stdin, terminal: false });
  lines.on("line", (line) => {
    if (line.trim() === "") return;
    let message;
    try {
      message = JSON.parse(line);
    } catch {
      runtime.log(`ignoring a line that is not JSON: ${line.slice(0, 200)}`);
      return;
    }
    const result = handler.handle(message);
    if (result instanceof Promise)
      result.catch((error) => runtime.log(String(error?.stack ?? error)));
  });
  lines.on("close", () => {
    for (const timer of timers.values()) clearTimeout(timer);
    timers.clear();
  });
}

/** Whether the module at `moduleUrl` is the script Node was started with. */
function isMain(moduleUrl) {
  return argv[1] !== undefined && fileURLToPath(moduleUrl) === resolve(argv[1]);
}

/**
 * A node program from `setup(node)`; when the calling module (`moduleUrl`, its
 * `import.meta.url`) is the script being run, it also starts serving stdin/stdout.
 */
export function maelstromNode(moduleUrl, setup) {
  const program = nodeProgram(setup);
  if (isMain(moduleUrl)) runStdio(program);
  return program;
}
