#!/usr/bin/env node
// The `faultline` command. The TypeScript sources are compiled to dist/ by `npm install`
// (the `prepare` script) or `npm run build`.
import { existsSync } from "node:fs";

const entry = new URL("../dist/src/cli/main.js", import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write(
    "faultline: the compiled sources are missing (dist/). Run `npm install` or `npm run build` first.\n",
  );
  process.exit(2);
}
const { main } = await import(entry.href);
const code = await main(process.argv.slice(2));
// The command is done: exit once what it printed is flushed, even if a handle it used (a
// terminal's input, a finished worker) would otherwise keep the process alive.
process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
