// npm run release:pack -- [--out DIR] [--with-node-modules]
// A release tarball of this checkout's build, for a server that cannot build or reach the npm
// registry (docs/deployment.md#upgrades, offline): the code, the build (.next without its cache),
// the generated Prisma clients and the copied decoder, named rollcall-<release>.tgz. With
// --with-node-modules it also holds node_modules (compiled addons: build it on the same OS, CPU
// architecture and Node.js major version as the server); without, the server hard-links the
// running release's node_modules when package-lock.json is unchanged, or runs `npm ci --offline`.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { NOT_IN_A_RELEASE, releaseName } from "../lib/ops/release";
import { cliArgs } from "./cli";

function main() {
  const { values } = cliArgs({ out: { type: "string" }, "with-node-modules": { type: "boolean" }, version: { type: "string" } });
  if (!fs.existsSync(path.join(".next", "BUILD_ID"))) throw new Error("no build here: run `npm run build` first");
  const pkg = JSON.parse(fs.readFileSync("package.json", "utf8")) as { version?: string };
  const name = values.version ?? releaseName(pkg.version ?? "0.0.0", new Date());
  const outDir = path.resolve(values.out ?? ".");
  fs.mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, `rollcall-${name}.tgz`);
  const excluded = NOT_IN_A_RELEASE.filter((x) => !(values["with-node-modules"] && x === "./node_modules"));
  // gzip -1: most of the size is already-compressed chunks; speed matters more than bytes here
  execFileSync("bash", ["-c", `tar ${excluded.map((x) => `--exclude='${x}'`).join(" ")} -cf - . | gzip -1 > "$1"`, "pack", file], { stdio: "inherit" });
  console.log(file);
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
