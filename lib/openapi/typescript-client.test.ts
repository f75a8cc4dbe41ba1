// A third party's generated client keeps compiling: openapi-typescript turns the served document
// into TypeScript types, and a small client written against them type-checks (strict). A client
// that sends a wrong field type must not, so the check can fail.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import openapiTS, { astToString } from "openapi-typescript";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import { openApiDocument } from "./document";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rollcall-openapi-client-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const CLIENT = `
import type { components, paths } from "./api";

// the little of fetch a client needs (lib.dom would triple the type-check time)
declare function fetch(url: string, init: { method: string; headers: Record<string, string>; body: string }): Promise<{ ok: boolean; json(): Promise<unknown> }>;

type Login = paths["/api/auth/login"]["post"];
export type LoginBody = Login["requestBody"]["content"]["application/json"];
type TokenPair = Login["responses"][200]["content"]["application/json"];
type ApiError = components["schemas"]["Error"];

export async function login(base: string, body: LoginBody): Promise<TokenPair> {
  const res = await fetch(base + "/api/auth/login", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  if (!res.ok) {
    const failure = (await res.json()) as ApiError;
    throw new Error(failure.error.code + ": " + failure.error.message);
  }
  return (await res.json()) as TokenPair;
}

export async function whoAmI(base: string): Promise<string> {
  const pair = await login(base, { email: "ada@college.edu", password: "Analytical-Engine-1843!" });
  const role: "student" | "instructor" | "admin" = pair.user.role;
  return pair.token_type + " " + pair.access_token + " " + role;
}
`;

let previous: ts.Program | undefined;
function typeErrors(files: Record<string, string>): string[] {
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ["lib.es2022.d.ts"],
    types: [],
  };
  previous = ts.createProgram(Object.keys(files).map((f) => path.join(dir, f)), options, undefined, previous);
  return ts.getPreEmitDiagnostics(previous).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
}

describe("OpenAPI document → openapi-typescript → a typed client", () => {
  // two strict type-checks of a ~40-operation declaration file: seconds on a busy machine
  it("generates types that a small strict client compiles against, and rejects a wrong body", { timeout: 60_000 }, async () => {
    const types = astToString(await openapiTS(openApiDocument() as unknown as Parameters<typeof openapiTS>[0]));
    expect(types).toContain('"/api/auth/login"');
    expect(typeErrors({ "api.d.ts": types, "client.ts": CLIENT })).toEqual([]);

    const wrong = CLIENT.replace('{ email: "ada@college.edu",', "{ email: 42,");
    expect(wrong).not.toBe(CLIENT);
    expect(typeErrors({ "api.d.ts": types, "client.ts": wrong }).join("\n")).toMatch(/number.*not assignable to type 'string'/);
  });
});
