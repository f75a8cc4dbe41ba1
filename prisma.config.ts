import fs from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { postgresMigrateAdapter, sqliteMigrateAdapter } from "./prisma/migrate-adapters";

// The Prisma CLI ignores .env when a config file exists; load it here (real env wins).
if (fs.existsSync(".env")) process.loadEnvFile(".env");

// One code base, two databases, picked from DATABASE_URL (same rule as lib/db-provider.ts).
const url = process.env.DATABASE_URL || "file:./data/rollcall.db";
const provider = /^postgres(ql)?:\/\//i.test(url) ? "postgresql" : "sqlite";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js", // WASM schema engine + driver adapter: no engine binary, no download
  schema: path.join("prisma", provider, "schema.prisma"),
  migrations: { path: path.join("prisma", provider, "migrations") },
  adapter: () => (provider === "postgresql" ? postgresMigrateAdapter(url) : sqliteMigrateAdapter(url)),
});
