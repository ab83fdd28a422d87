/**
 * Maelstrom's services (`lin-kv`, `seq-kv`, `lww-kv`, `lin-tso`) answering from the
 * harness: each is the same pure state machine the simulation hosts (src/maelstrom/
 * services), registered on the process network under its name, so a node's request to
 * `lin-kv` travels the network like any message and the answer comes back the same way.
 */
import type { MaelstromMessage } from "../maelstrom/protocol.js";
import { createServices } from "../maelstrom/services/index.js";
import type { RandomStream } from "../sim/random.js";
import type { ProcessNetwork } from "./process-network.js";
import type { ProcessRecorder } from "./process-recorder.js";

/** Registers every service on `network`; `random` decides what the weak stores may choose. */
export function hostServices(
  network: ProcessNetwork,
  recorder: ProcessRecorder,
  random: RandomStream,
): void {
  for (const [name, service] of createServices(random)) {
    network.register(name, {
      isNode: false,
      unavailable: () => undefined,
      deliver: (item) => {
        const request = item.message as MaelstromMessage;
        for (const body of service.handle(request.src, request.body, recorder.nowUs())) {
          const reply = { src: name, dest: request.src, body };
          network.send(name, request.src, reply, JSON.stringify(reply));
        }
      },
    });
  }
}
