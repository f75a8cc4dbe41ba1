// After `npm ci` compiled better-sqlite3 from source (this machine cannot reach its prebuilt
// binaries on GitHub, so its install script falls back to node-gyp: minutes on 2 cores), keep the
// result where prebuild-install looks before downloading: npm's cache (~/.npm/_prebuilds), under
// the name of the release asset it would fetch. The next `npm ci` on this machine, a fresh clone
// included, unpacks it instead of compiling again. Keyed by the package version and this Node's
// ABI; a build for another version or Node is compiled as before. Run by scripts/test-all.sh.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
const util = require("prebuild-install/util");
const pkgDir = path.dirname(require.resolve("better-sqlite3/package.json"));
const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, "package.json"), "utf8"));
const binary = path.join(pkgDir, "build", "Release", "better_sqlite3.node");
const url = util.getDownloadUrl({ pkg, runtime: "node", abi: process.versions.modules, platform: process.platform, arch: process.arch, libc: "", "tag-prefix": "v" });
const cached = util.cachedPrebuild(url);

if (fs.existsSync(cached)) {
  console.log(`better-sqlite3 build already cached: ${cached}`);
} else if (!fs.existsSync(binary)) {
  console.log(`no better-sqlite3 build to cache (${binary} missing)`);
} else {
  fs.mkdirSync(path.dirname(cached), { recursive: true });
  const tmp = `${cached}.${process.pid}.tmp`;
  execFileSync("tar", ["-czf", tmp, "-C", pkgDir, "build/Release/better_sqlite3.node"]);
  fs.renameSync(tmp, cached);
  console.log(`cached the better-sqlite3 build for the next npm ci: ${cached}`);
}
