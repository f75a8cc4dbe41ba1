import fs from "node:fs";

/**
 * Load `.env` into process.env for command-line entry points; real environment variables win.
 * Then `migrate.env`, when this user may read it: the owner role's MIGRATION_DATABASE_URL, kept
 * apart from `.env` so the instances (which read `.env`) never hold the owner's password
 * (docs/deployment.md, least privilege). Only db:migrate and db:restore use it.
 */
export function loadDotEnv(file = ".env", migrationFile = "migrate.env"): void {
  if (fs.existsSync(file)) process.loadEnvFile(file);
  try {
    fs.accessSync(migrationFile, fs.constants.R_OK);
  } catch {
    return; // absent, or not ours to read (the service user running a command)
  }
  process.loadEnvFile(migrationFile);
}
