import { describe, expect, it } from "vitest";
import { gateRule } from "./gate";
import { homeFor, safeNextPath, safeRedirectUrl, sitePath } from "./safe-next";

/** Ways to write "another site" that a browser, after normalising, might follow off-site. */
const OFF_SITE = [
  "https://evil.example/",
  "https:evil.example",
  "http:/evil.example",
  "//evil.example",
  "///evil.example",
  "/\\evil.example",
  "/\\/evil.example",
  "\\\\evil.example",
  "/.//evil.example/phish",
  "/./\\evil.example",
  "/..//evil.example/phish",
  "/a/../..//evil.example",
  "/%2e//evil.example/phish",
  "/%2E%2E//evil.example",
  "/.%2e//evil.example",
  "/%2f%2fevil.example",
  "/%2F/evil.example",
  "/%5c%5cevil.example",
  "/%5C/evil.example",
  "/\t/evil.example",
  "/\t/\t/evil.example",
  "/%09/%09/evil.example",
  "/\n/evil.example",
  "/\r//evil.example",
  " //evil.example",
  "\t//evil.example",
  "javascript:alert(1)",
  "JavaScript:alert(1)",
  "java\tscript:alert(1)",
  "/javascript:alert(1)//%0a",
  "data:text/html,<script>alert(1)</script>",
  "evil.example",
];

const SITE = "http://site.test";

describe("safeNextPath", () => {
  it("keeps paths on this site", () => {
    expect(safeNextPath("/admin/approvals")).toBe("/admin/approvals");
    expect(safeNextPath("/home?tab=1#x")).toBe("/home?tab=1#x");
    expect(safeNextPath("/join?code=AB12")).toBe("/join?code=AB12");
  });

  it.each(OFF_SITE)("never leads off-site: %j", (next) => {
    for (const kept of [safeNextPath(next), sitePath(next)]) {
      if (kept === null) continue;
      // whatever is kept is a plain path on this site, as given, normalised and decoded
      expect(kept.startsWith("/") && !kept.startsWith("//") && !kept.includes("\\")).toBe(true);
      const url = new URL(kept, SITE);
      expect(url.origin).toBe(SITE);
      expect(url.pathname.startsWith("//")).toBe(false);
      expect(decodeURIComponent(url.pathname).startsWith("//")).toBe(false);
    }
    const target = new URL(safeRedirectUrl(next, SITE));
    expect(target.origin).toBe(SITE);
    expect(target.pathname.startsWith("//")).toBe(false);
  });

  it.each([
    ["/.//evil.example/phish", null],
    ["/..//evil.example/phish", null],
    ["/%2e//evil.example/phish", null],
    ["/%09/evil.example", null],
    ["/%2Fevil.example", null],
    ["/a/./b/../c?x=1", "/a/c?x=1"],
    ["/s/abc%25", "/s/abc%25"],
    ["/%", null],
    ["/%zz", null],
  ])("normalises %j to %j", (next, expected) => expect(safeNextPath(next)).toBe(expected));

  it.each(["https://evil.test/", "//evil.test", "/\\evil.test", "javascript:alert(1)", "admin", "", "/login", "/signup?x=1", "/a\u0000b", `/${"x".repeat(3000)}`])(
    "refuses %j",
    (next) => expect(safeNextPath(next)).toBeNull(),
  );

  it("next-auth's redirect callback: same-origin URLs keep their path, anything else goes home", () => {
    expect(safeRedirectUrl("/admin/approvals", SITE)).toBe(`${SITE}/admin/approvals`);
    expect(safeRedirectUrl(`${SITE}/home?x=1`, `${SITE}/`)).toBe(`${SITE}/home?x=1`);
    expect(safeRedirectUrl("/login", SITE)).toBe(`${SITE}/login`);
    expect(safeRedirectUrl("http://site.test.evil.example/", SITE)).toBe(`${SITE}/`);
    expect(safeRedirectUrl("https://site.test/home", SITE)).toBe(`${SITE}/`);
    expect(safeRedirectUrl(`${SITE}/.//evil.example`, SITE)).toBe(`${SITE}/`);
  });

  it("sends each role home", () => {
    expect(homeFor("admin")).toBe("/admin");
    expect(homeFor("student")).toBe("/home");
  });
});

describe("gateRule", () => {
  it("gates /admin/** for admins and /home/** for signed-in users only", () => {
    expect(gateRule("/admin")).toBe("staff");
    expect(gateRule("/admin/approvals")).toBe("staff");
    expect(gateRule("/home")).toBe("user");
    expect(gateRule("/home/history")).toBe("user");
    expect(gateRule("/security")).toBe("user");
    for (const open of ["/", "/login", "/signup", "/pending", "/scan", "/s/abc", "/administrator", "/homework", "/security-policy"]) expect(gateRule(open)).toBeNull();
  });
});
