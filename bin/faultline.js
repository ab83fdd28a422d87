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
process.exitCode = await main(process.argv.slice(2));
