// `prisma migrate reset` is a no-op on SQLite with Prisma 6.19's WASM engine, so for SQLite
// delete the file (and its WAL/SHM) and re-apply migrations; PostgreSQL uses the real command.
import { execSync } from "node:child_process";
import fs from "node:fs";
import { getConfig } from "../lib/config";
import { providerOf } from "../lib/db";
import { runCli } from "./cli";

runCli(async () => {
  const url = getConfig().DATABASE_URL;
  if (providerOf(url) === "postgresql") {
    execSync("npx prisma migrate reset --force", { stdio: "inherit" });
    return;
  }
  const file = url.replace(/^file:/, "");
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(file + suffix, { force: true });
  execSync("npm run --silent db:migrate", { stdio: "inherit" });
});
