/**
 * `faultline schema`: prints the JSON Schema of scenario files, for editors (e.g. the YAML
 * language server's `# yaml-language-server: $schema=...` comment) to validate and complete.
 */
import { scenarioJsonSchema } from "../../scenario/schema.js";
import type { Command } from "../command.js";
import { EXIT_OK } from "../exit-codes.js";
import { UsageError } from "../usage-error.js";

/** The `schema` subcommand. */
export const schemaCommand: Command = {
  name: "schema",
  usage: "Usage: faultline schema\n\nPrints the JSON Schema of scenario files on stdout.\n",
  run: async (args, io) => {
    if (args.length > 0) throw new UsageError(`schema takes no arguments, found ${args.join(" ")}`);
    io.stdout.write(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
    return EXIT_OK;
  },
};
