// Upgrades without a broken page (docs/deployment.md#upgrades), the parts that decide rather
// than do: release names, which files a release folder takes from a source tree, which
// releases to keep, and which shared static files no kept release needs. Pure.
//
// Layout under the deployment's root (e.g. /opt/rollcall):
//   releases/<version>/   one complete app each: code, node_modules, the build, generated clients
//   current -> releases/<version>   what the instances run (systemd's WorkingDirectory)
//   static/_next/static/  every kept release's build chunks; nginx serves them, so a page
//                         rendered by an old instance and one rendered by a new instance both
//                         find their chunks while instances restart one by one
//   .env, migrate.env, data/   shared by every release (each release links to them)

export const RELEASE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** A release's name: package version and UTC time, e.g. 0.4.0-20261207T0530Z. */
export function releaseName(packageVersion: string, at: Date): string {
  const stamp = at.toISOString().slice(0, 16).replace(/[-:]/g, "");
  return `${packageVersion.replace(/[^A-Za-z0-9.]/g, "")}-${stamp}Z`;
}

/** What a release folder never copies from a source tree: machine state, secrets, other releases, build caches. */
export const NOT_IN_A_RELEASE = [
  "./.git",
  "./node_modules",
  "./.next/cache",
  "./.env",
  "./.env.local",
  "./migrate.env",
  "./data",
  "./backups",
  "./releases",
  "./static",
  "./current",
  "./.tmp",
  "./test-results",
  "./playwright-report",
  "./bench-results",
] as const;

/** Files every release links to in the root, so settings and SQLite data outlive releases. */
export const SHARED_FILES = [".env", "migrate.env", "data"] as const;

/**
 * The releases to delete: all but the newest `keep` (names sort by time when made by
 * releaseName; `made` gives each one's creation time otherwise), never the current one or the
 * one before it (an instance may still run it until its restart).
 */
export function releasesToPrune(releases: { name: string; made: number }[], keep: number, current: string | null, previous: string | null): string[] {
  const newestFirst = [...releases].sort((a, b) => b.made - a.made || b.name.localeCompare(a.name));
  return newestFirst
    .slice(Math.max(keep, 1))
    .map((r) => r.name)
    .filter((n) => n !== current && n !== previous);
}

/** Static files (paths under _next/static) no kept release has: safe to delete once every instance runs a kept one. */
export function staticFilesToPrune(shared: string[], kept: Set<string>[]): string[] {
  return shared.filter((file) => !kept.some((release) => release.has(file)));
}
