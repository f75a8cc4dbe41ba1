// Issue 21, item 9: clickjacking. Every page — the projector and the approvals page signed in,
// every other page as it answers a stranger, redirects, not-found pages, answers to malformed
// paths and static files — says `frame-ancestors 'none'` in its CSP and `X-Frame-Options: DENY`.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { request, uniqueIp, type ApiResponse } from "../support/api";
import { browserLogin } from "../support/browser";
import { createCourse } from "../support/courses";
import { createAdminWithToken, createUser, TEST_PASSWORD } from "../support/factories";

/** Every page route of the app (app/**\/page.tsx), with dynamic segments filled. */
function pagePaths(fill: string): string[] {
  const found: string[] = [];
  const walk = (dir: string, route: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory()) {
        if (entry.name === "page.tsx") found.push(route || "/");
        continue;
      }
      if (entry.name === "api") continue;
      const segment = /^\(.*\)$/.test(entry.name) ? "" : entry.name.startsWith("[") ? `/${fill}` : `/${entry.name}`;
      walk(path.join(dir, entry.name), route + segment);
    }
  };
  walk(path.join(process.cwd(), "app"), "");
  return found;
}

function expectNoFraming(res: ApiResponse, what: string) {
  expect(String(res.headers["content-security-policy"] ?? ""), what).toContain("frame-ancestors 'none'");
  expect(res.headers["x-frame-options"], what).toBe("DENY");
}

describe(`no page can be framed (${inject("provider")})`, () => {
  it("every page route, as a stranger sees it, plus not-found, malformed and static answers", async () => {
    const paths = [...pagePaths("someid"), "/no-such-page", "/c/%zz", "/c/%", "/manifest.webmanifest", "/icon.svg", "/c/ABC123"];
    expect(paths).toContain("/admin/events/someid/present");
    expect(paths).toContain("/admin/approvals");
    const answers = await Promise.all(paths.map((p) => request("GET", p, { ip: uniqueIp() })));
    answers.forEach((res, i) => expectNoFraming(res, paths[i]!));
  }, 120_000);

  it("the projector and the approvals page, signed in as an admin, render with framing forbidden", async () => {
    const admin = await createUser({ role: "admin" });
    const { token } = await createAdminWithToken();
    const course = await createCourse(token);
    const start = Date.now() - 60_000;
    const ev = await request("POST", "/api/events", {
      token,
      json: { title: "Framed?", starts_at: new Date(start).toISOString(), ends_at: new Date(start + 3_600_000).toISOString(), course_id: course.id },
    });
    expect(ev.status, ev.text).toBe(201);
    const { jar, ip } = await browserLogin(admin.email, TEST_PASSWORD);
    for (const p of [`/admin/events/${ev.body.id}/present`, "/admin/approvals"]) {
      const res = await request("GET", p, { cookie: jar.header(), ip });
      expect(res.status, p).toBe(200);
      expectNoFraming(res, p);
    }
  }, 120_000);
});
