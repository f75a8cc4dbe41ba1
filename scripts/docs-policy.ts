// npm run docs:policy — write the policy tables (capabilities by role, API operations and who
// may call them) into docs/design.md#roles-and-permissions, generated from lib/auth/policy.ts and
// lib/auth/operations.ts. lib/auth/policy-table.test.ts fails while the doc is out of date.
import fs from "node:fs";
import path from "node:path";
import { withPolicyBlock } from "../lib/auth/policy-table";

const file = path.resolve(import.meta.dirname, "../docs/design.md");
const before = fs.readFileSync(file, "utf8");
const after = withPolicyBlock(before);
if (after === before) console.log("docs/design.md: the policy tables are current");
else {
  fs.writeFileSync(file, after);
  console.log("docs/design.md: policy tables rewritten");
}
