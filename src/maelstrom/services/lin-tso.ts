/**
 * The `lin-tso` service: a linearizable timestamp oracle. Every `ts` request gets the next
 * integer of one strictly increasing sequence.
 */
import { ErrorCode, errorBody, type MaelstromBody, replyBody } from "../protocol.js";
import type { MaelstromService } from "./service.js";

/** A fresh `lin-tso`. */
export function createLinTso(): MaelstromService {
  let next = 0;
  return {
    name: "lin-tso",
    handle(_src: string, body: MaelstromBody): MaelstromBody[] {
      if (body.type !== "ts") {
        return [errorBody(body, ErrorCode.notSupported, `lin-tso serves ts, not ${body.type}`)];
      }
      return [replyBody(body, "ts_ok", { ts: next++ })];
    },
  };
}
