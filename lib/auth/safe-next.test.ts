import { describe, expect, it } from "vitest";
import { gateRule } from "./gate";
import { homeFor, safeNextPath } from "./safe-next";

describe("safeNextPath", () => {
  it("keeps paths on this site", () => {
    expect(safeNextPath("/admin/approvals")).toBe("/admin/approvals");
    expect(safeNextPath("/home?tab=1#x")).toBe("/home?tab=1#x");
  });

  it.each(["https://evil.test/", "//evil.test", "/\\evil.test", "javascript:alert(1)", "admin", "", "/login", "/signup?x=1", "/a\u0000b", `/${"x".repeat(3000)}`])(
    "refuses %j",
    (next) => expect(safeNextPath(next)).toBeNull(),
  );

  it("sends each role home", () => {
    expect(homeFor("admin")).toBe("/admin");
    expect(homeFor("student")).toBe("/home");
  });
});

describe("gateRule", () => {
  it("gates /admin/** for admins and /home/** for signed-in users only", () => {
    expect(gateRule("/admin")).toBe("admin");
    expect(gateRule("/admin/approvals")).toBe("admin");
    expect(gateRule("/home")).toBe("user");
    expect(gateRule("/home/history")).toBe("user");
    expect(gateRule("/security")).toBe("user");
    for (const open of ["/", "/login", "/signup", "/pending", "/scan", "/s/abc", "/administrator", "/homework", "/security-policy"]) expect(gateRule(open)).toBeNull();
  });
});
