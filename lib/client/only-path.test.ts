// The browser reaches the API one way only: lib/client/call-api.ts. Pages and components never
// call fetch (or XMLHttpRequest) themselves, so 401, 429, offline and plain words are handled once.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    if (d.isDirectory()) return sources(full);
    return /\.tsx?$/.test(d.name) && !/\.test\.tsx?$/.test(d.name) ? [full] : [];
  });
}

describe("one path from the browser to the API", () => {
  it("no page or component calls fetch or XMLHttpRequest directly", () => {
    const offenders = [...sources(path.join(ROOT, "app")), ...sources(path.join(ROOT, "components"))]
      .filter((file) => /\bfetch\s*\(|XMLHttpRequest/.test(fs.readFileSync(file, "utf8")))
      .map((file) => path.relative(ROOT, file));
    expect(offenders).toEqual([]);
  });

  it("the browser imports the contract's types only, so zod stays off the phones", () => {
    const client = fs.readFileSync(path.join(ROOT, "lib/client/call-api.ts"), "utf8");
    const imports = [...client.matchAll(/^import\s+(type\s+)?[^;]*from\s+"([^"]+)";/gm)].map((m) => ({ typeOnly: Boolean(m[1]), from: m[2] }));
    expect(imports.filter((i) => !i.typeOnly).map((i) => i.from)).toEqual(["./error-words"]);
  });
});
