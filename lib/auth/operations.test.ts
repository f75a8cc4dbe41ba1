// The policy table covers exactly the API: every documented operation has a rule, every rule
// names a documented operation, and every route file names its own row (a handler cannot borrow
// another operation's rule by copy and paste).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "../openapi/document";
import { API_DIR, openApiPathOf, routeFiles } from "../openapi/route-files";
import { OPERATIONS } from "./operations";
import { CAPABILITIES, GRANTS } from "./policy";

describe("policy table ↔ API", () => {
  const documented = Object.entries(openApiDocument().paths as Record<string, Record<string, unknown>>).flatMap(([p, ops]) =>
    Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`),
  );

  it("has a rule for every documented operation, and no rule for an operation that does not exist", () => {
    const rows = Object.keys(OPERATIONS);
    expect(documented.filter((d) => !rows.includes(d)), "documented but without a rule").toEqual([]);
    expect(rows.filter((r) => !documented.includes(r)), "a rule for no documented operation").toEqual([]);
  });

  it("every route() names its own method and path", () => {
    const wrong: string[] = [];
    let seen = 0;
    for (const file of routeFiles()) {
      const source = fs.readFileSync(file, "utf8");
      for (const m of source.matchAll(/export const (GET|POST|PUT|PATCH|DELETE) = route\(\s*\{\s*operation:\s*"([^"]+)"/g)) {
        seen++;
        const expected = `${m[1]} ${openApiPathOf(file)}`;
        if (m[2] !== expected) wrong.push(`${path.relative(API_DIR, file)}: ${m[2]} (expected ${expected})`);
      }
      // a route() without an operation would not compile; a handler outside route() must be on this list
      const bare = [...source.matchAll(/export (?:async )?function (GET|POST|PUT|PATCH|DELETE)\b/g)].map((x) => `${x[1]} ${openApiPathOf(file)}`);
      for (const b of bare) if (!["GET /api/health"].includes(b)) wrong.push(`${path.relative(API_DIR, file)}: ${b} is not wrapped in route()`);
    }
    expect(seen).toBeGreaterThan(40);
    expect(wrong).toEqual([]);
  });

  it("names only known capabilities", () => {
    const known = new Set(Object.keys(CAPABILITIES));
    for (const rule of Object.values(OPERATIONS)) {
      if (rule.access === "capability") expect(known.has(rule.can)).toBe(true);
      if ("lists" in rule) expect(known.has(rule.lists)).toBe(true);
    }
    for (const caps of [...Object.values(GRANTS.site), ...Object.values(GRANTS.course)]) for (const c of caps) expect(known.has(c)).toBe(true);
  });
});
