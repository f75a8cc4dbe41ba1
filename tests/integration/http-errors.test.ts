// The one error shape over real HTTP: malformed JSON, wrong content type, oversized body,
// unknown fields — all 4xx with a machine-readable code, never a 500, nothing written.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { expectError, get, post, request } from "../support/api";
import { courseCode, createCourse } from "../support/courses";
import { testDb, uniqueEmail } from "../support/db";
import { createAdminWithToken } from "../support/factories";
import { ROOT } from "../support/test-server";

describe(`HTTP error handling (${inject("provider")})`, () => {
  it("rejects malformed JSON with 400 invalid_json", async () => {
    const res = await request("POST", "/api/auth/login", { raw: '{"email": "a@b.c", ', headers: { "content-type": "application/json" } });
    expectError(res, 400, "invalid_json");
    expect(res.headers["x-request-id"]).toBeTruthy();
  });

  it("rejects a non-JSON content type with 415", async () => {
    const res = await request("POST", "/api/auth/login", { raw: "email=a@b.c&password=x", headers: { "content-type": "application/x-www-form-urlencoded" } });
    expectError(res, 415, "unsupported_media_type");
  });

  it("rejects an oversized body with 413 and writes nothing", async () => {
    const email = uniqueEmail("huge");
    const res = await request("POST", "/api/auth/signup", {
      json: { email, password: "Blue-Kettle-42-Sings", full_name: "x".repeat(200_000) },
    });
    expectError(res, 413, "payload_too_large");
    const db = await testDb();
    expect(await db.user.count({ where: { email } })).toBe(0);
    expect(await db.pendingSignup.count({ where: { email } })).toBe(0);
  });

  it("lists every invalid field with a path and rejects unknown ones", async () => {
    const res = await request("POST", "/api/auth/login", { json: { email: 42, extra: true } });
    const error = expectError(res, 400, "validation_failed");
    const paths = (error.details as { path: string }[]).map((d) => d.path).sort();
    expect(paths).toEqual(["body", "body.email", "body.password"]);
  });

  it("never leaks a stack trace", async () => {
    const res = await request("POST", "/api/auth/login", { raw: "\u0000\u0001garbage", headers: { "content-type": "application/json" } });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.text).not.toMatch(/at \w+ \(|node_modules|\.ts:\d+/);
  });
});

// Inputs the hostile review's fuzzing turned into 500s (issue 9 item 10): each has its own answer.
describe(`never a 500 (${inject("provider")})`, () => {
  const cursorOf = (time: string) => Buffer.from(JSON.stringify([time, "x"])).toString("base64url");

  it("a pagination cursor with a year past 9999 is 400 validation_failed", async () => {
    const { token } = await createAdminWithToken();
    for (const path of ["/api/admin/audit-logs", "/api/admin/users", "/api/notifications"]) {
      for (const time of ["+010000-01-01T00:00:00.000Z", "+275760-09-13T00:00:00.000Z", "-000001-01-01T00:00:00.000Z"]) {
        expectError(await get(`${path}?cursor=${cursorOf(time)}`, { token }), 400, "validation_failed");
      }
      // a cursor this API wrote still works
      expect((await get(`${path}?cursor=${cursorOf("2026-01-01T00:00:00.000Z")}`, { token })).status).toBe(200);
    }
  });

  it("/s/ with a malformed percent-encoding goes to the friendly 'not a Rollcall code' page", async () => {
    for (const path of ["/s/%25", "/s/%", "/s/%E0%A4%A", "/s/abc%zz", "/s/%C0%AF"]) {
      const res = await get(path);
      expect(res.status, path).toBe(303);
      expect(res.headers.location, path).toBe("/scan/result?error=qr_malformed");
    }
    const page = await get("/scan/result?error=qr_malformed");
    expect(page.status).toBe(200);
    expect(page.text).toContain("Not a Rollcall code");
  });

  it("unknown paths under next-auth's catch-all are a JSON 404", async () => {
    for (const [method, path] of [["POST", "/api/auth/0"], ["GET", "/api/auth/0"], ["POST", "/api/auth/csrf"], ["POST", "/api/auth/callback/github"], ["GET", "/api/auth/session/x"]] as const) {
      expectError(await request(method, path, { raw: "a=b", headers: { "content-type": "application/x-www-form-urlencoded" } }), 404, "not_found");
    }
    // next-auth's own endpoints still answer
    expect((await get("/api/auth/csrf")).body.csrfToken).toEqual(expect.any(String));
  });

  it("an unknown /api/ path is a JSON 404 not_found for every method", async () => {
    for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"]) {
      for (const path of ["/api/nope", "/api/events/x/y/z", "/api/admin", "/api/x%zz", "/api/events/%E0%A4%A"]) {
        const res = await request(method, path);
        expectError(res, 404, "not_found");
        expect(res.headers["content-type"], `${method} ${path}`).toMatch(/^application\/json/);
      }
    }
  });

  it("a wrong method is a JSON 405 method_not_allowed with an Allow header", async () => {
    const cases = [
      ["DELETE", "/api/attendance/mark", "POST, OPTIONS"],
      ["GET", "/api/auth/login", "POST, OPTIONS"],
      ["PUT", "/api/events/some-id", "GET, PATCH, DELETE, HEAD, OPTIONS"],
      ["PATCH", "/api/health", "GET, HEAD, OPTIONS"],
    ] as const;
    for (const [method, path, allow] of cases) {
      const res = await request(method, path);
      expectError(res, 405, "method_not_allowed");
      expect(res.headers.allow, `${method} ${path}`).toBe(allow);
    }
  });
});

// Issue 21 item 3: the hostile review's remaining 500s, each reproduced with its input.
describe(`never a 500, round three (${inject("provider")})`, () => {
  const LONE = "Intro \ud800 to logic"; // JSON.stringify writes the lone surrogate as the escape "\ud800"
  const hour = (h: number) => new Date(Date.UTC(2031, 0, 6, h)).toISOString();

  it("TRACE and other unknown methods are 405 with Allow on every path: pages, API, static files", async () => {
    const cases = [
      ["/", "GET, HEAD, OPTIONS"],
      ["/login", "GET, HEAD, OPTIONS"],
      ["/admin/users", "GET, HEAD, POST, OPTIONS"],
      ["/c/K7HQ3D", "GET, HEAD, OPTIONS"],
      ["/s/v2.abc", "GET, HEAD, OPTIONS"],
      ["/manifest.webmanifest", "GET, HEAD, OPTIONS"],
      ["/icons/icon-192.png", "GET, HEAD, OPTIONS"],
      ["/api/health", "GET, HEAD, OPTIONS"],
      ["/api/attendance/mark", "POST, OPTIONS"],
      ["/api/events/abcdefabcdef", "GET, PATCH, DELETE, HEAD, OPTIONS"],
    ] as const;
    for (const method of ["TRACE", "PROPFIND", "MKCOL"]) {
      for (const [path, allow] of cases) {
        const res = await request(method, path);
        expect(res.status, `${method} ${path}`).toBe(405);
        expect(res.headers.allow, `${method} ${path}`).toBe(allow);
        if (path.startsWith("/api/")) expectError(res, 405, "method_not_allowed");
      }
      expectError(await request(method, "/api/nope"), 404, "not_found");
    }
    // OPTIONS on a page names its methods
    const options = await request("OPTIONS", "/login");
    expect(options.status).toBe(204);
    expect(options.headers.allow).toBe("GET, HEAD, OPTIONS");
    // what pages and files answer still works
    expect((await get("/manifest.webmanifest")).status).toBe(200);
    expect((await request("HEAD", "/login")).status).toBe(200);
  });

  it("a POST, PUT or DELETE to a static file or a page without actions is a 405, not a 500", async () => {
    for (const method of ["POST", "PUT", "DELETE", "PATCH"]) {
      for (const path of ["/manifest.webmanifest", "/icons/icon-192.png", "/zxing/VERSION", "/login", "/signup", "/join"]) {
        const res = await request(method, path, { raw: "a=b", headers: { "content-type": "application/x-www-form-urlencoded" } });
        expect(res.status, `${method} ${path}`).toBe(405);
        expect(res.headers.allow, `${method} ${path}`).toBe("GET, HEAD, OPTIONS");
      }
    }
  });

  it("an unknown Next-Action id is a 405 on /login, /signup, /join (no actions there) and a 404 on the page that has actions", async () => {
    const multipart = '--xx\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--xx--\r\n';
    for (const [path, status] of [["/login", 405], ["/signup", 405], ["/join", 405], ["/admin/users", 404]] as const) {
      for (const id of ["4018651c6db7b62b21a81423a8849cba67b11a8bff", "00", "x".repeat(300)]) {
        for (const contentType of ["multipart/form-data; boundary=xx", "text/plain;charset=UTF-8", "application/json"]) {
          const res = await request("POST", path, { raw: multipart, headers: { "next-action": id, "content-type": contentType } });
          expect(res.status, `${path} ${id.slice(0, 8)} ${contentType}`).toBe(status);
        }
      }
    }
  });

  it("a form posted without JavaScript naming an unknown, malformed or half-given action is answered without a 500", async () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, ".next", "server", "server-reference-manifest.json"), "utf8")) as { node: Record<string, { workers: Record<string, unknown> }> };
    const known = Object.entries(manifest.node).find(([, a]) => Object.keys(a.workers).some((w) => /^app\/admin\/users\/page$/.test(w)))?.[0];
    expect(known).toMatch(/^[0-9a-f]{40,}$/);
    const part = (name: string, value: string) => `--xx\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const bodies = [
      part("$ACTION_ID_4018651c6db7b62b21a81423a8849cba67b11a8bff", "") + part("id", "x") + "--xx--\r\n",
      part("$ACTION_ID_zz", "") + "--xx--\r\n",
      part(`$ACTION_ID_${"f".repeat(300)}`, "") + "--xx--\r\n",
      part("$ACTION_REF_1", "") + part("1_$ACTION_ID_" + "0".repeat(42), "") + part("1_id", "x") + "--xx--\r\n",
      part("$ACTION_REF_1", "") + part("$ACTION_KEY", "k") + "--xx--\r\n",
      part(`$ACTION_ID_${known}`, "") + "--xx", // cut off mid-body
      part("$ACTION_REF_1", "") + part(`1_$ACTION_ID_${known}`, "") + part("1_$ACTION_BOUND", "not json") + "--xx--\r\n",
    ];
    for (const [i, raw] of bodies.entries()) {
      const res = await request("POST", "/admin/users", { raw, headers: { "content-type": "multipart/form-data; boundary=xx" } });
      expect(res.status, `body ${i}: ${res.text.slice(0, 200)}`).toBeLessThan(500);
    }
  });

  it("/c/ with a broken percent-encoding opens the scanner's code field, like the other malformed paths", async () => {
    for (const path of ["/c/%", "/c/%zz", "/c/%E0%A4%A", "/c/abc%", "/c/%C0%AF"]) {
      const res = await get(path);
      expect(res.status, path).toBe(303);
      expect(res.headers.location, path).toBe("/scan?type=1");
    }
    // a well-formed one still fills the field
    expect((await get("/c/k7hq3d")).headers.location).toBe("/scan?type=1&code=K7HQ3D");
  });

  it("a lone UTF-16 surrogate in any text field is 400 validation_failed, and nothing is written", async () => {
    const { token } = await createAdminWithToken();
    const event = { title: "Logic", starts_at: hour(9), ends_at: hour(10) };
    const course = await createCourse(token);
    const created = await post("/api/events", event, { token });
    expect(created.status, created.text).toBe(201);
    const eventId = (created.body as { id: string }).id;
    const db = await testDb();
    const cases: [string, string, Record<string, unknown>][] = [
      ["POST", "/api/events", { ...event, title: LONE }],
      ["POST", "/api/events", { ...event, description: LONE }],
      ["POST", "/api/events", { ...event, location: LONE }],
      ["PATCH", `/api/events/${eventId}`, { location: LONE }],
      ["POST", "/api/courses", { code: courseCode(), title: LONE, term_label: "2026 Autumn" }],
      ["POST", "/api/courses", { code: courseCode(), title: "Logic", term_label: LONE }],
      ["PATCH", `/api/courses/${course.id}`, { title: LONE }],
      ["POST", `/api/courses/${course.id}/enrollments`, { email: uniqueEmail("lone"), full_name: "Ada Lovelace", student_number: LONE }],
      ["POST", `/api/courses/${course.id}/sessions`, { title: LONE, weekdays: ["mon"], start_time: "09:00", duration_minutes: 60, first_date: "2031-01-06", last_date: "2031-01-13" }],
      ["POST", `/api/events/${eventId}/attendance`, { email: uniqueEmail("x"), reason: LONE }],
      ["POST", `/api/events/${eventId}/attendance/unmark`, { email: uniqueEmail("x"), reason: LONE }],
      ["PATCH", "/api/auth/passkeys/abcdefghijabcdefghij", { name: LONE }],
      ["POST", "/api/auth/signup", { email: uniqueEmail("lone"), password: "Blue-Kettle-42-Sings", full_name: LONE }],
      ["POST", "/api/auth/login", { email: uniqueEmail("lone"), password: `pw${LONE}` }],
    ];
    for (const [method, path, json] of cases) {
      const res = await request(method, path, { json, token });
      expectError(res, 400, "validation_failed");
    }
    expect(await db.event.count({ where: { OR: [{ title: { contains: "Intro" } }, { location: { contains: "Intro" } }, { description: { contains: "Intro" } }] } })).toBe(0);
    expect(await db.course.count({ where: { OR: [{ title: { contains: "Intro" } }, { termLabel: { contains: "Intro" } }] } })).toBe(0);
  });

  it("a date that leaves the years 1-9999 once its offset is applied is 400 validation_failed", async () => {
    const { token } = await createAdminWithToken();
    const course = await createCourse(token);
    const far = "9999-12-31T23:59:59-23:59";
    for (const json of [
      { title: "Far", starts_at: "9999-12-31T20:00:00Z", ends_at: far },
      { title: "Far", starts_at: "0001-01-01T00:00:00+00:01", ends_at: hour(10) },
    ]) {
      expectError(await post("/api/events", json, { token }), 400, "validation_failed");
    }
    const series = { weekdays: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"], start_time: "23:30", duration_minutes: 60 };
    for (const [first_date, last_date] of [["9999-12-31", "9999-12-31"], ["0000-01-01", "0000-01-02"], ["0001-01-01", "0001-01-01"]]) {
      expectError(await post(`/api/courses/${course.id}/sessions`, { ...series, first_date, last_date }, { token }), 400, "validation_failed");
    }
    for (const q of [`from=${encodeURIComponent(far)}`, `to=${encodeURIComponent(far)}`, `from=${encodeURIComponent("0001-01-01T00:00:00+01:00")}`]) {
      expectError(await get(`/api/admin/audit-logs?${q}`, { token }), 400, "validation_failed");
    }
    // the edges that stay inside the years still work
    expect((await get(`/api/admin/audit-logs?from=${encodeURIComponent("9999-12-31T23:59:59Z")}`, { token })).status).toBe(200);
  });
});
