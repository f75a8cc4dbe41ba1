// Which build this process serves: Next's build id (it names the build's chunk folder) and, when
// it runs from a release folder (`npm run release`: <root>/releases/<version>), that version. The
// release script waits for an instance's /api/health to show the new build id before it restarts
// the next one (docs/deployment.md#upgrades).
import fs from "node:fs";
import path from "node:path";

export interface BuildInfo {
  id: string | null;
  release: string | null;
}

let cached: BuildInfo | undefined;

export function buildInfo(dir: string = process.cwd()): BuildInfo {
  if (cached && dir === process.cwd()) return cached;
  let id: string | null = null;
  try {
    id = fs.readFileSync(path.join(dir, ".next", "BUILD_ID"), "utf8").trim() || null;
  } catch {
    // `next dev` has no build id
  }
  const real = fs.realpathSync(dir);
  const release = path.basename(path.dirname(real)) === "releases" ? path.basename(real) : null;
  const info = { id, release };
  if (dir === process.cwd()) cached = info;
  return info;
}
