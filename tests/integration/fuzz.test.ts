// Never a 500 from client input, searched for rather than listed: fast-check sends generated
// bodies, queries, path parameters, methods and paths to every operation of the OpenAPI document
// (what /api/openapi.json serves) and fails on any 5xx. Seeded, with a fixed number of runs per
// operation, so a failure reproduces and the run stays short. Generated requests include
// destructive ones (revoke every code, delete courses), so this file runs its own server on its
// own database.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createSession, issueTokenPair } from "@/lib/auth/sessions";
import { systemClock } from "@/lib/clock";
import { parseConfig } from "@/lib/config";
import type { Ctx } from "@/lib/context";
import { createDb, type Db } from "@/lib/db";
import { openApiDocument } from "@/lib/openapi/document";
import { cryptoRandom } from "@/lib/random";
import { request, type ApiResponse } from "../support/api";
import { uniqueEmail } from "../support/db";
import { createTestDatabase, startServer, type TestDatabase, type TestServer } from "../support/test-server";

const SEED = 20261207;
const RUNS_PER_OPERATION = 7;
const RUNS_OF_PATHS_AND_METHODS = 150;

type JsonSchema = Record<string, unknown>;
interface Operation {
  method: string;
  template: string;
  pathParams: string[];
  queryParams: string[];
  bodyTypes: string[];
  bodyKeys: string[];
}

/** Every property name a request schema mentions (through anyOf/oneOf/allOf), to aim generated objects at the real fields. */
function propertyNames(schema: JsonSchema | undefined, out = new Set<string>()): Set<string> {
  if (!schema || typeof schema !== "object") return out;
  for (const name of Object.keys((schema.properties as JsonSchema | undefined) ?? {})) {
    out.add(name);
    propertyNames((schema.properties as Record<string, JsonSchema>)[name], out);
  }
  for (const key of ["anyOf", "oneOf", "allOf"]) for (const s of (schema[key] as JsonSchema[] | undefined) ?? []) propertyNames(s, out);
  if (schema.items) propertyNames(schema.items as JsonSchema, out);
  return out;
}

function operations(): Operation[] {
  const doc = openApiDocument() as unknown as { paths: Record<string, Record<string, { parameters?: { in: string; name: string }[]; requestBody?: { content: Record<string, { schema?: JsonSchema }> } }>> };
  return Object.entries(doc.paths).flatMap(([template, item]) =>
    Object.entries(item).map(([method, op]) => ({
      method: method.toUpperCase(),
      template,
      pathParams: (op.parameters ?? []).filter((p) => p.in === "path").map((p) => p.name),
      queryParams: (op.parameters ?? []).filter((p) => p.in === "query").map((p) => p.name),
      bodyTypes: Object.keys(op.requestBody?.content ?? {}),
      bodyKeys: [...propertyNames(op.requestBody?.content["application/json"]?.schema)],
    })),
  );
}

// ---- generators: the inputs the hostile reviews used, and anything else fast-check finds ----
const nasty = fc.constantFrom(
  "", " ", "\ud800", "a\udfffb", "\u0000", "\u202e", "%", "%zz", "%E0%A4%A", "../..", "null", "true", "0", "-1", "1e309", "NaN",
  "9999-12-31T23:59:59-23:59", "0000-01-01T00:00:00Z", "+275760-09-13T00:00:00.000Z", "0000-01-01", "9999-12-31", "2026-13-45",
  "abcdefabcdef", "abcdefghijabcdefghij", "ckabcdefghijklmnopqrst", "x".repeat(5000), "v2.k1.abc.def", "K7HQ3D", "__proto__", "constructor",
);
const text = fc.oneof(nasty, fc.string({ maxLength: 40 }), fc.string({ unit: "binary", maxLength: 20 }), fc.string({ unit: "grapheme", maxLength: 20 }));
const scalar = fc.oneof(text, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map((n) => Number(n)));
const value = fc.oneof({ weight: 4, arbitrary: scalar }, { weight: 1, arbitrary: fc.array(scalar, { maxLength: 3 }) }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) });

/** A body for an operation: an object over its real field names (some missing, some extra), any JSON, or raw bytes. */
const bodyFor = (op: Operation) =>
  fc.oneof(
    { weight: 5, arbitrary: fc.dictionary(op.bodyKeys.length ? fc.oneof(fc.constantFrom(...op.bodyKeys), fc.string({ maxLength: 8 })) : fc.string({ maxLength: 8 }), value, { maxKeys: 8 }).map((o) => ({ json: o })) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((j) => ({ json: j })) },
    { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 60 }).map((raw) => ({ raw, type: "application/json" })) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...(op.bodyTypes.length ? op.bodyTypes : ["text/plain"]), "text/csv", "multipart/form-data", "application/x-www-form-urlencoded"), fc.string({ maxLength: 200 })).map(([type, raw]) => ({ raw, type })) },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );

/** A path segment: a valid-looking id, or anything, percent-encoded or deliberately not. */
const segment = fc.oneof(
  fc.constantFrom("abcdefabcdef", "abcdefghijabcdefghij", "csrf", "session", "providers", "callback/credentials"),
  text.map((s) => encodeURIComponent(s)),
  fc.constantFrom("%", "%zz", "%E0%A4%A", "%00", "..", "%2e%2e", "a%2Fb"),
);

const query = (names: string[]) =>
  fc
    .array(fc.tuple(names.length ? fc.oneof(fc.constantFrom(...names), fc.string({ maxLength: 6 })) : fc.string({ maxLength: 6 }), text), { maxLength: 4 })
    .map((pairs) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&"));

let database: TestDatabase;
let server: TestServer;
let db: Db;
let ctx: Ctx;

beforeAll(async () => {
  database = await createTestDatabase(inject("provider"), "fuzz");
  server = await startServer(database.url);
  db = await createDb(database.url);
  ctx = { db, clock: systemClock, random: cryptoRandom, config: parseConfig({ ...server.env, APP_ENV: "test" }), ip: "127.0.0.9", userAgent: "vitest", deviceId: null, requestId: "fuzz" };
}, 120_000); // a server start on a busy machine

afterAll(async () => {
  await db?.$disconnect();
  await server?.stop();
  await database?.drop();
});

/** Fresh tokens for each operation: a generated logout or revoke-sessions must not blind the rest. */
async function tokens(): Promise<(string | undefined)[]> {
  const out: (string | undefined)[] = [undefined];
  for (const role of ["admin", "instructor", "student"] as const) {
    const user = await db.user.create({ data: { email: uniqueEmail(`fuzz-${role}`), fullName: `Fuzz ${role}`, passwordHash: "x", role, status: "active", emailVerifiedAt: new Date() } });
    const session = await createSession(ctx, db, { id: user.id, role });
    out.push((await issueTokenPair(ctx, db, { id: user.id, role }, session.id)).access_token);
  }
  return out;
}

const describeRequest = (method: string, path: string, body: unknown, res: ApiResponse) =>
  `${method} ${path} ${JSON.stringify(body)?.slice(0, 300)} -> ${res.status} ${res.text.slice(0, 300)}`;

describe(`fuzzing every OpenAPI operation (${inject("provider")})`, () => {
  const ops = operations();

  it("covers the whole document", () => {
    expect(ops.length).toBeGreaterThanOrEqual(80);
  });

  it(
    "no generated body, query or path parameter gets a 5xx from any operation",
    async () => {
      const failures: string[] = [];
      for (const [index, op] of ops.entries()) {
        const who = await tokens();
        const params = fc.tuple(...op.pathParams.map(() => segment));
        await fc.assert(
          fc.asyncProperty(params, query(op.queryParams), bodyFor(op), fc.nat(who.length - 1), async (segments, qs, body, tokenIndex) => {
            let path = op.template;
            op.pathParams.forEach((name, i) => (path = path.replace(`{${name}}`, segments[i]!)));
            if (qs) path += `?${qs}`;
            const options = body && "json" in body ? { json: body.json } : body ? { raw: body.raw, headers: { "content-type": body.type } } : {};
            const res = await request(op.method, new URL(path, server.url).toString(), { ...options, token: who[tokenIndex] }).catch((e: Error) => e);
            if (res instanceof Error) failures.push(`${op.method} ${path}: ${res.message}`);
            else if (res.status >= 500) failures.push(describeRequest(op.method, path, body, res));
            return !(res instanceof Error) && res.status < 500;
          }),
          { seed: SEED + index, numRuns: RUNS_PER_OPERATION, endOnFailure: true },
        ).catch(() => undefined); // failures (and errors) are collected above: report them all at once
      }
      expect(failures).toEqual([]);
    },
    240_000,
  );

  it(
    "no generated method or path gets a 5xx, pages and files included",
    async () => {
      const [, admin] = await tokens();
      const failures: string[] = [];
      const paths = fc.oneof(
        fc.constantFrom(...ops.map((o) => o.template)).chain((t) => fc.array(segment, { minLength: 3, maxLength: 3 }).map((s) => t.replace(/\{[^}]+\}/g, () => s[0]!))),
        fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => `/${s.join("/")}`),
        fc.tuple(fc.constantFrom("/", "/login", "/signup", "/join", "/c", "/c/", "/s/", "/scan", "/admin", "/admin/users", "/docs", "/manifest.webmanifest", "/icons/", "/_next/static/"), segment).map(([p, s]) => p + s),
      );
      const methods = fc.constantFrom("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "PROPFIND", "MKCOL", "LOCK");
      await fc.assert(
        fc.asyncProperty(methods, paths, fc.boolean(), fc.option(fc.constantFrom("4018651c6db7b62b21a81423a8849cba67b11a8bff", "00", "")), async (method, path, withToken, action) => {
          const headers: Record<string, string> = action === null ? {} : { "next-action": action, "content-type": "text/plain;charset=UTF-8" };
          const res = await request(method, new URL(path, server.url).toString(), { token: withToken ? admin : undefined, headers, raw: method === "GET" || method === "HEAD" ? undefined : "[]" }).catch((e: Error) => e);
          if (res instanceof Error) failures.push(`${method} ${path}: ${res.message}`);
          else if (res.status >= 500) failures.push(describeRequest(method, path, action, res));
          return !(res instanceof Error) && res.status < 500;
        }),
        { seed: SEED, numRuns: RUNS_OF_PATHS_AND_METHODS, endOnFailure: true },
      ).catch(() => undefined);
      expect(failures).toEqual([]);
    },
    120_000,
  );
});
