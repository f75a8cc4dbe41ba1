// npm run release -- --root /opt/rollcall [--source DIR | --tarball FILE] [--version NAME] [--offline]
//     [--ports 3001,3002] [--restart 'systemctl restart rollcall@{port}'] [--host 127.0.0.1] [--keep 3] [--no-activate]
// npm run release -- --root /opt/rollcall --activate NAME [--ports …] [--restart …]     (switch back or forward)
//
// An upgrade that never breaks a page (docs/deployment.md#upgrades; layout in lib/ops/release.ts):
//  1. a new folder releases/<version>: the source (default: this checkout) or a release tarball
//     built elsewhere (`npm run release:pack`); node_modules hard-linked from the running release
//     when package-lock.json is unchanged, else `npm ci` (--offline: from a prepared npm cache);
//     built there (`npm run build`) unless the tarball holds a build. The running instances are
//     not touched: nothing they serve is rebuilt under them;
//  2. migrations (`npm run db:migrate` in the new folder: the owner role when migrate.env is there);
//  3. the new build's chunks join static/ (nginx serves them from there, beside the old ones);
//  4. `current` switches to the new folder, then each instance restarts in turn: the next one
//     only once this one's /api/health answers 200 with the new build id;
//  5. releases beyond --keep (and their chunks no kept release uses) are deleted.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { NOT_IN_A_RELEASE, RELEASE_NAME, SHARED_FILES, releaseName, releasesToPrune, staticFilesToPrune } from "../lib/ops/release";
import { cliArgs } from "./cli";

const USAGE =
  "usage: npm run release -- --root DIR [--source DIR | --tarball FILE] [--version NAME] [--offline] [--ports 3001,3002] [--restart 'systemctl restart rollcall@{port}'] [--host 127.0.0.1] [--keep 3] [--no-activate]\n" +
  "       npm run release -- --root DIR --activate NAME [--ports …] [--restart …]";
const HEALTH_TIMEOUT_MS = 120_000;

function say(line: string) {
  console.log(`release: ${line}`);
}

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env) {
  execFileSync(cmd, args, { cwd, env, stdio: ["ignore", "inherit", "inherit"] });
}

/** Every file under `dir`, as paths relative to it. */
function filesUnder(dir: string): Set<string> {
  if (!fs.existsSync(dir)) return new Set();
  return new Set((fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[]).filter((d) => d.isFile()).map((d) => path.relative(dir, path.join(d.parentPath, d.name))));
}

function currentRelease(root: string): string | null {
  try {
    return path.basename(fs.realpathSync(path.join(root, "current")));
  } catch {
    return null;
  }
}

function sameFile(a: string, b: string): boolean {
  return fs.existsSync(a) && fs.existsSync(b) && fs.readFileSync(a).equals(fs.readFileSync(b));
}

/** Step 1: the release folder with code, dependencies and a build. */
function prepare(root: string, dir: string, from: { source?: string; tarball?: string }, offline: boolean) {
  fs.mkdirSync(dir, { recursive: true });
  if (from.tarball) {
    say(`unpacking ${from.tarball}`);
    run("tar", ["-xzf", path.resolve(from.tarball), "-C", dir], dir);
  } else {
    const source = path.resolve(from.source ?? ".");
    say(`copying ${source}`);
    execFileSync("bash", ["-c", `tar -C "$1" ${NOT_IN_A_RELEASE.map((x) => `--exclude='${x}'`).join(" ")} -cf - . | tar -C "$2" -xf -`, "copy", source, dir], { stdio: "inherit" });
  }
  for (const name of SHARED_FILES) {
    fs.rmSync(path.join(dir, name), { recursive: true, force: true });
    if (fs.existsSync(path.join(root, name))) fs.symlinkSync(path.join("..", "..", name), path.join(dir, name));
  }
  if (!fs.existsSync(path.join(dir, "node_modules"))) {
    // the same lockfile as a release already installed: its node_modules, hard-linked (seconds, no network, little disk)
    const current = currentRelease(root);
    // the running release, else the checkout this command runs from (or the --source one)
    const donors = [current && path.join(root, "releases", current), path.resolve(from.source ?? ".")].filter((d): d is string => !!d);
    const donor = donors.find((d) => fs.existsSync(path.join(d, "node_modules")) && sameFile(path.join(d, "package-lock.json"), path.join(dir, "package-lock.json")));
    if (donor) {
      say(`node_modules hard-linked from ${donor} (package-lock.json unchanged)`);
      run("cp", ["-al", path.join(donor, "node_modules"), path.join(dir, "node_modules")], dir);
    } else {
      say(`npm ci${offline ? " --offline (from the prepared npm cache)" : ""}`);
      run("npm", ["ci", "--no-audit", "--no-fund", ...(offline ? ["--offline"] : [])], dir);
    }
  }
  if (fs.existsSync(path.join(dir, ".next", "BUILD_ID"))) say("the tarball holds a build: not rebuilding");
  else {
    // A source checkout that was built before holds Next.js's build cache (.next/cache, never part
    // of a release): the new build starts from a copy, as Next.js documents for CI builds, and takes
    // about 40 % less CPU from the instances still serving on this machine. The release keeps none.
    const cache = from.source ? path.join(path.resolve(from.source), ".next", "cache") : null;
    if (cache && fs.existsSync(cache)) {
      say(`starting from the build cache in ${cache}`);
      fs.cpSync(cache, path.join(dir, ".next", "cache"), { recursive: true });
    }
    say("npm run build (the running instances are not affected)");
    run("npm", ["run", "build"], dir, { ...process.env, NEXT_TELEMETRY_DISABLED: "1" });
    fs.rmSync(path.join(dir, ".next", "cache"), { recursive: true, force: true });
  }
  if (!fs.existsSync(path.join(dir, ".next", "BUILD_ID"))) throw new Error(`${dir} has no build (.next/BUILD_ID)`);
}

/** Step 3: the release's chunks beside every other kept release's, never overwriting (names are immutable). */
function publishStatic(root: string, dir: string) {
  const target = path.join(root, "static", "_next", "static");
  fs.mkdirSync(target, { recursive: true, mode: 0o755 });
  fs.cpSync(path.join(dir, ".next", "static"), target, { recursive: true, force: false, errorOnExist: false });
  say(`build chunks published to ${target}`);
}

/** Step 4: switch `current`, then restart each instance and wait for it to serve the new build. */
async function activate(root: string, version: string, ports: number[], restart: string | undefined, host: string) {
  const dir = path.join(root, "releases", version);
  const buildId = fs.readFileSync(path.join(dir, ".next", "BUILD_ID"), "utf8").trim();
  const link = path.join(root, "current");
  const tmp = `${link}.${process.pid}`;
  fs.rmSync(tmp, { force: true });
  fs.symlinkSync(path.join("releases", version), tmp);
  fs.renameSync(tmp, link); // atomic: `current` is always one release or the other
  say(`current -> releases/${version} (build ${buildId})`);
  if (ports.length && !restart) throw new Error("--ports needs --restart (e.g. 'systemctl restart rollcall@{port}')");
  for (const port of ports) {
    say(`restarting the instance on port ${port}`);
    execFileSync("bash", ["-c", restart!.replaceAll("{port}", String(port))], { stdio: "inherit" });
    const deadline = Date.now() + HEALTH_TIMEOUT_MS;
    for (;;) {
      const health = await fetch(`http://${host}:${port}/api/health`).then(
        async (r) => ({ status: r.status, body: (await r.json()) as { build?: { id?: string } } }),
        () => null,
      );
      if (health?.status === 200 && health.body.build?.id === buildId) break;
      if (Date.now() > deadline) {
        throw new Error(`the instance on port ${port} did not come back with build ${buildId} within ${HEALTH_TIMEOUT_MS / 1000} s; the others still run the previous release. Look at its log, then \`npm run release -- --root ${root} --activate <previous>\` to switch back.`);
      }
      await new Promise((r) => setTimeout(r, 300));
    }
    say(`port ${port} serves build ${buildId}`);
  }
}

/** Step 5: old releases and the chunks only they used. */
function prune(root: string, keep: number, previous: string | null) {
  const releasesDir = path.join(root, "releases");
  const all = fs.readdirSync(releasesDir).map((name) => ({ name, made: fs.statSync(path.join(releasesDir, name)).mtimeMs }));
  const doomed = releasesToPrune(all, keep, currentRelease(root), previous);
  for (const name of doomed) fs.rmSync(path.join(releasesDir, name), { recursive: true, force: true });
  const staticDir = path.join(root, "static", "_next", "static");
  const kept = fs.readdirSync(releasesDir).map((name) => filesUnder(path.join(releasesDir, name, ".next", "static")));
  const stale = staticFilesToPrune([...filesUnder(staticDir)], kept);
  for (const file of stale) fs.rmSync(path.join(staticDir, file), { force: true });
  if (doomed.length || stale.length) say(`pruned ${doomed.length} old release(s) and ${stale.length} chunk file(s) no kept release uses`);
}

async function main() {
  const { values } = cliArgs({
    root: { type: "string" },
    source: { type: "string" },
    tarball: { type: "string" },
    version: { type: "string" },
    offline: { type: "boolean" },
    ports: { type: "string" },
    restart: { type: "string" },
    host: { type: "string" },
    keep: { type: "string" },
    activate: { type: "string" },
    "no-activate": { type: "boolean" },
  });
  if (!values.root) throw new Error(USAGE);
  const root = path.resolve(values.root);
  const ports = (values.ports ?? "").split(",").map((p) => p.trim()).filter(Boolean).map(Number);
  if (ports.some((p) => !Number.isInteger(p) || p < 1 || p > 65535)) throw new Error(`--ports: ${values.ports}`);
  const host = values.host ?? "127.0.0.1";
  const previous = currentRelease(root);

  if (values.activate) {
    if (!fs.existsSync(path.join(root, "releases", values.activate, ".next", "BUILD_ID"))) throw new Error(`no built release ${values.activate} in ${root}/releases`);
    await activate(root, values.activate, ports, values.restart, host);
    return;
  }
  if (values.source && values.tarball) throw new Error("--source or --tarball, not both");
  // a tarball from `npm run release:pack` is named rollcall-<release>.tgz: that is its release name
  const packed = values.tarball ? /^rollcall-(.+)\.tgz$/.exec(path.basename(values.tarball))?.[1] : undefined;
  const pkg = JSON.parse(fs.readFileSync(path.join(values.source ?? ".", "package.json"), "utf8")) as { version?: string };
  const version = values.version ?? packed ?? releaseName(pkg.version ?? "0.0.0", new Date());
  if (!RELEASE_NAME.test(version)) throw new Error(`--version must be letters, digits, '.', '_' or '-': ${version}`);
  const dir = path.join(root, "releases", version);
  if (fs.existsSync(dir)) throw new Error(`${dir} exists: choose another --version, or --activate it`);
  fs.mkdirSync(path.join(root, "releases"), { recursive: true });

  try {
    prepare(root, dir, { source: values.source, tarball: values.tarball }, values.offline ?? false);
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true }); // a half-made release is never activated
    throw error;
  }
  say("npm run db:migrate (migrations are additive: the running instances keep working)");
  run("npm", ["run", "--silent", "db:migrate"], dir);
  publishStatic(root, dir);
  if (values["no-activate"]) {
    say(`releases/${version} is ready; activate it with --activate ${version}`);
    return;
  }
  await activate(root, version, ports, values.restart, host);
  prune(root, Number(values.keep ?? 3), previous);
  say(`done: every instance runs ${version}`);
}

main().catch((error: unknown) => {
  console.error(`release failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
