import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ACCOUNT_ENDPOINTS } from "./openapi";

const root = path.resolve(__dirname, "../..");
const routeFiles = [
  "app/api/auth/signup/route.ts",
  "app/api/auth/signup/status/route.ts",
  "app/api/auth/signup/course/route.ts",
  "app/api/auth/login/route.ts",
  "app/api/auth/refresh/route.ts",
  "app/api/auth/logout/route.ts",
  "app/api/auth/me/route.ts",
  "app/api/admin/approval-requests/route.ts",
  "app/api/admin/approval-requests/[id]/decide/route.ts",
  "app/api/admin/approval-requests/decide-bulk/route.ts",
  "app/api/auth/verify-email/route.ts",
  "app/api/auth/verify-email/resend/route.ts",
  "app/api/auth/password-reset/route.ts",
  "app/api/auth/password-reset/confirm/route.ts",
  "app/api/auth/change-password/route.ts",
  "app/api/admin/users/[id]/send-password-reset/route.ts",
];

describe("account endpoints for OpenAPI", () => {
  it("lists every account route handler and method, once", () => {
    const declared = ACCOUNT_ENDPOINTS.map((e) => `${e.method} ${e.path}`);
    const real = routeFiles.flatMap((f) => {
      const src = fs.readFileSync(path.join(root, f), "utf8");
      const p = `/${path.dirname(f).replace(/^app\//, "").replace(/\[(\w+)\]/g, "{$1}")}`;
      return (["GET", "POST"] as const).filter((m) => new RegExp(`export const ${m}\\b`).test(src)).map((m) => `${m.toLowerCase()} ${p}`);
    });
    expect(new Set(declared).size).toBe(declared.length);
    expect([...declared].sort()).toEqual(real.sort());
  });

  it("every schema converts to JSON Schema (draft 2020-12)", () => {
    for (const e of ACCOUNT_ENDPOINTS) {
      for (const s of [e.params, e.query, e.body, ...Object.values(e.responses).map((r) => r.schema)]) {
        if (s) expect(() => z.toJSONSchema(s, { io: "input", unrepresentable: "any", target: "draft-2020-12" })).not.toThrow();
      }
    }
  });
});
