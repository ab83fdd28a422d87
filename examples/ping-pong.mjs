/**
 * faultline's smallest example: n1 pings n2 ten times over a lossy network that is also
 * partitioned for a while, retrying each ping until its pong comes back. Run it with
 *
 *   node examples/ping-pong.mjs [seed]
 *
 * The same seed always prints the same run. The last lines run the determinism
 * self-check: the same seed twice, compared event by event.
 */
import { checkDeterminism, describeRunStop, formatTime, ms, Simulation, seconds } from "faultline";

/** The system under test: a node factory. n1 pings; every node answers pings. */
const pingPong = ({ id, ctx }) => {
  if (id === "n1") {
    void (async () => {
      for (let ping = 1; ping <= 10; ping++) {
        for (let attempt = 1; ; attempt++) {
          const reply = await ctx.call("n2", { ping }, { timeoutMs: 50 });
          if (reply.ok) {
            ctx.log(`ping ${ping}: pong after ${attempt} attempt${attempt > 1 ? "s" : ""}`);
            break;
          }
        }
      }
    })();
  }
  return {
    onMessage(message) {
      if (message.callId !== undefined) ctx.reply(message, { pong: message.body.ping });
    },
  };
};

const options = {
  seed: Number(process.argv[2] ?? 1),
  nodes: 2,
  system: pingPong,
  network: { dropRate: 0.3 },
  maxTimeUs: seconds(10),
  determinismGuard: true,
};

/** The fault schedule: cut n1 off from n2 between 100 ms and 400 ms. */
async function drive(sim) {
  sim.at(ms(100), () => sim.network.partition([["n1"], ["n2"]]));
  sim.at(ms(400), () => sim.network.heal());
  return sim.run();
}

console.log(`seed ${options.seed}`);
const sim = new Simulation(options);
const stop = await drive(sim);
for (const event of sim.trace.events()) {
  if (event.kind === "log" || event.kind === "network") {
    console.log(`${formatTime(event.timeUs).padStart(9)}  ${event.node ?? "--"}  ${event.text}`);
  }
}
console.log(`${describeRunStop(stop)} after ${sim.eventCount} events; trace hash ${sim.traceHash}`);

const check = await checkDeterminism(options, drive);
console.log(
  check.deterministic
    ? `deterministic: the same seed ran twice to hash ${check.traceHash}`
    : `NOT deterministic, first difference at event ${check.divergence.index}`,
);
console.log(`replay: node examples/ping-pong.mjs ${options.seed}`);
process.exitCode = check.deterministic && stop.kind === "idle" ? 0 : 1;
