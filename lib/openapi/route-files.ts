// The route handler files under app/api, read as text (tests: OpenAPI coverage, the policy table).
import fs from "node:fs";
import path from "node:path";

export const API_DIR = path.resolve(__dirname, "../../app/api");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

export function routeFiles(dir: string = API_DIR): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    if (d.isDirectory()) return routeFiles(full);
    return d.name === "route.ts" ? [full] : [];
  });
}

/** app/api/admin/users/[id]/route.ts → /api/admin/users/{id}; route groups "(x)" vanish. */
export function openApiPathOf(file: string): string {
  const rel = path.relative(path.resolve(API_DIR, ".."), path.dirname(file)).split(path.sep);
  const segments = rel.filter((s) => !/^\(.*\)$/.test(s)).map((s) => s.replace(/^\[\.{3}(\w+)\]$/, "{$1}").replace(/^\[(\w+)\]$/, "{$1}"));
  return `/${segments.join("/")}`;
}

export function exportedMethods(source: string): string[] {
  return METHODS.filter(
    (m) =>
      new RegExp(`export\\s+(const|async\\s+function|function)\\s+${m}\\b`).test(source) ||
      new RegExp(`export\\s*\\{[^}]*\\bas\\s+${m}\\b[^}]*\\}`).test(source),
  );
}
