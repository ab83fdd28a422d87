/**
 * Progress of long work on stderr: a bar that redraws in place on a terminal, and plain
 * lines (at most every few percent) when stderr is a file or a pipe, so logs stay short.
 */
import type { CommandIo } from "./io.js";

/** Reports progress; `finish` clears the bar. */
export interface Progress {
  update(done: number, total: number, note: string): void;
  finish(): void;
}

const BAR_WIDTH = 24;
const LINE_STEP_PERCENT = 10;

/** A progress reporter suited to `io` (a bar on a terminal, lines otherwise). */
export function progressFor(io: CommandIo, label: string): Progress {
  if (io.isTTY) {
    let drawn = false;
    return {
      update(done, total, note) {
        const filled = total === 0 ? BAR_WIDTH : Math.round((done / total) * BAR_WIDTH);
        const bar = `${"#".repeat(filled)}${"-".repeat(BAR_WIDTH - filled)}`;
        io.stderr.write(`\r\u001b[2K${label} [${bar}] ${done}/${total} ${note}`);
        drawn = true;
      },
      finish() {
        if (drawn) io.stderr.write("\r\u001b[2K");
      },
    };
  }
  let nextPercent = LINE_STEP_PERCENT;
  return {
    update(done, total, note) {
      const percent = total === 0 ? 100 : (done / total) * 100;
      if (percent < nextPercent && done !== total) return;
      while (nextPercent <= percent) nextPercent += LINE_STEP_PERCENT;
      io.stderr.write(`${label}: ${done}/${total} ${note}\n`);
    },
    finish() {},
  };
}
