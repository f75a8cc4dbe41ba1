// Shared plumbing for command-line entry points: .env, argument parsing, error exit codes.
import { parseArgs, type ParseArgsConfig } from "node:util";
import { ConfigError } from "../lib/config";
import { loadDotEnv } from "./load-env";
import { isAppError } from "../lib/errors";
import { redactSecrets, redactValue } from "../lib/security/redact";

export function cliArgs<T extends NonNullable<ParseArgsConfig["options"]>>(options: T) {
  return parseArgs({ options, allowPositionals: true, strict: true });
}

/** Run a command: load .env, print AppErrors as "code: message", exit non-zero on failure (redacted: a tool's error can name a URL with its password). */
export function runCli(main: () => Promise<void>): void {
  loadDotEnv();
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      if (isAppError(error)) {
        console.error(`error ${error.code}: ${error.message}`);
        if (error.details) console.error(JSON.stringify(redactValue(error.details), null, 2));
      } else if (error instanceof ConfigError) {
        console.error(error.message);
      } else {
        console.error(redactSecrets(error instanceof Error ? error.message : String(error)));
      }
      process.exit(1);
    },
  );
}
