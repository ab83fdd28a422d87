/**
 * Where benchmark suites find their fixed scenario files: `bench/` at the package root,
 * whether the suite runs from `dist/src/bench` or from `src/bench`.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The absolute path of `bench/<name>` in the package. */
export function benchFile(name: string): string {
  for (const relative of [`../../../bench/${name}`, `../../bench/${name}`]) {
    const path = fileURLToPath(new URL(relative, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new Error(`bench file ${name} not found beside the package`);
}
