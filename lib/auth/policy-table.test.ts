// docs/design.md's policy tables are generated (npm run docs:policy): this fails when the doc
// and lib/auth/policy.ts / lib/auth/operations.ts say different things.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { OPERATIONS } from "./operations";
import { policyBlock, POLICY_BEGIN, POLICY_END, whoMay, withPolicyBlock } from "./policy-table";

const doc = fs.readFileSync(path.resolve(__dirname, "../../docs/design.md"), "utf8");

describe("the design doc's policy tables", () => {
  it("are the generated ones (run npm run docs:policy after changing the policy)", () => {
    expect(doc.split(POLICY_BEGIN)).toHaveLength(2);
    expect(doc.split(POLICY_END)).toHaveLength(2);
    expect(withPolicyBlock(doc) === doc, "docs/design.md's policy tables are out of date: run npm run docs:policy").toBe(true);
  });

  it("list every operation once, with who may call it", () => {
    const block = policyBlock();
    for (const key of Object.keys(OPERATIONS)) expect(block.split(`| \`${key}\` |`)).toHaveLength(2);
    expect(whoMay(OPERATIONS["GET /api/courses/{id}/report"])).toBe("admins; instructors and teaching assistants of the course");
    expect(whoMay(OPERATIONS["POST /api/courses/{id}/enrollments/import"])).toBe("admins; instructors of the course");
    expect(whoMay(OPERATIONS["GET /api/admin/users"])).toBe("admins");
    expect(whoMay(OPERATIONS["POST /api/courses"])).toBe("instructors and admins");
    expect(whoMay(OPERATIONS["POST /api/auth/login"])).toBe("anyone");
  });
});
