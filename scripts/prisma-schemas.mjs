// Writes one schema per provider from prisma/schema.base.prisma.
// `--check` exits 1 if the committed copies are stale (use in CI).
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const base = fs.readFileSync(path.join(root, "prisma/schema.base.prisma"), "utf8");
const check = process.argv.includes("--check");
let stale = false;

for (const provider of ["sqlite", "postgresql"]) {
  const header = `// GENERATED from prisma/schema.base.prisma by scripts/prisma-schemas.mjs (npm run db:schemas). Do not edit.

generator client {
  provider   = "prisma-client"
  output     = "../../generated/${provider}"
  engineType = "client"
}

datasource db {
  provider = "${provider}"
  // Required by Prisma 6 syntax but never used: the CLI uses prisma.config.ts's adapter,
  // the app passes an adapter to PrismaClient. (Must be a literal valid for the provider.)
  url      = "${provider === "sqlite" ? "file:./unused.db" : "postgresql://unused@localhost/unused"}"
}
`;
  const file = path.join(root, "prisma", provider, "schema.prisma");
  const content = `${header}\n${base}`;
  const current = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : null;
  if (current === content) continue;
  if (check) { console.error(`stale: ${path.relative(root, file)}`); stale = true; continue; }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  console.log(`wrote ${path.relative(root, file)}`);
}
process.exit(stale ? 1 : 0);
