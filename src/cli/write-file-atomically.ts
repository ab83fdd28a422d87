/**
 * Writing result files so that nothing is ever half-written: the text goes to a temporary
 * file beside the target, which is then renamed into place (atomic on one file system).
 */
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/** Writes `text` to `path` atomically; `createDirectory` makes missing parent directories. */
export async function writeFileAtomically(
  path: string,
  text: string,
  options: { readonly createDirectory?: boolean } = {},
): Promise<void> {
  const directory = dirname(path);
  if (options.createDirectory === true) await mkdir(directory, { recursive: true });
  const temporary = join(directory, `.${basename(path)}.${process.pid}.tmp`);
  try {
    await writeFile(temporary, text, "utf8");
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
