// `npm run lint:openapi`: Redocly's recommended rules on the API document, offline. The document
// is the one /api/openapi.json serves, built for a deployed APP_URL (default: the example in
// docs/deployment.md; the lint rightly objects to localhost in `servers`). Fails on any error
// or warning: fix the generator (lib/openapi/registry.ts), not the rules.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { cliArgs } from "./cli";
import { openApiDocument } from "../lib/openapi/document";

const { values } = cliArgs({ "server-url": { type: "string", default: "https://rollcall.example.edu" } });
const file = path.join(".tmp", "openapi.json");
fs.mkdirSync(path.dirname(file), { recursive: true });
fs.writeFileSync(file, JSON.stringify(openApiDocument(values["server-url"]), null, 2));

interface LintReport {
  totals: { errors: number; warnings: number };
  problems: { ruleId: string; severity: string; message: string; location: { pointer: string }[] }[];
}
let output: string;
try {
  output = execFileSync(path.join("node_modules", ".bin", "redocly"), ["lint", "--extends=recommended", "--format=json", file], {
    encoding: "utf8",
    // no telemetry, no update check: the lint runs without any network
    env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
    stdio: ["ignore", "pipe", "pipe"],
  });
} catch (error) {
  // redocly exits 1 when it found errors; its JSON report is still on stdout
  output = (error as { stdout?: string }).stdout ?? "";
  if (!output.trim().startsWith("{")) throw error;
}
const report = JSON.parse(output) as LintReport;
for (const p of report.problems) console.log(`${p.severity} ${p.ruleId}: ${p.message} (${p.location[0]?.pointer ?? ""})`);
const { errors, warnings } = report.totals;
const operations = Object.values(openApiDocument(values["server-url"]).paths).reduce((n, item) => n + Object.keys(item).length, 0);
console.log(`OpenAPI lint (Redocly recommended, ${operations} operations): ${errors} errors, ${warnings} warnings`);
process.exit(errors + warnings === 0 ? 0 : 1);
