import fs from "node:fs";

/** Load `.env` into process.env for command-line entry points; real environment variables win. */
export function loadDotEnv(file = ".env"): void {
  if (fs.existsSync(file)) process.loadEnvFile(file);
}
