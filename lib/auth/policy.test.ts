// The policy table's promises, spelled out by hand (the integration walk derives its
// expectations from the table, so this file pins the table itself).
import { describe, expect, it } from "vitest";
import { ALL_CAPABILITIES, decide, effectiveCourseRole, type Capability, type Context } from "./policy";

const SITE: Context = { kind: "site" };
const course = (role: "instructor" | "assistant" | null): Context => ({ kind: "course", role });

describe("policy: site context", () => {
  it("gives admins everything", () => {
    for (const c of ALL_CAPABILITIES) expect(decide({ role: "admin" }, c, SITE)).toBe("allow");
  });

  it("lets instructors create courses and events, search people and see their approvals, and nothing college-wide", () => {
    const allowed = ALL_CAPABILITIES.filter((c) => decide({ role: "instructor" }, c, SITE) === "allow");
    expect(allowed.sort()).toEqual(["approvals:view", "course:create", "event:create", "people:search"]);
    for (const c of ["users:manage", "audit:view", "operations:view", "codes:revoke-all"] as const) expect(decide({ role: "instructor" }, c, SITE)).toBe("forbidden");
  });

  it("gives students nothing at site level", () => {
    for (const c of ALL_CAPABILITIES) expect(decide({ role: "student" }, c, SITE)).toBe("forbidden");
  });
});

describe("policy: course context", () => {
  const assistantMay: Capability[] = ["course:view", "roster:view", "event:view", "checkin:run", "attendance:view", "attendance:mark", "report:view"];

  it("lets a teaching assistant project, mark, excuse and read, and nothing that changes the roster, the staff or deletes", () => {
    for (const role of ["student", "instructor", "admin"] as const) {
      if (role === "admin") continue; // admins hold everything everywhere
      const allowed = ALL_CAPABILITIES.filter((c) => decide({ role }, c, course("assistant")) === "allow");
      expect(allowed.sort()).toEqual([...assistantMay].sort());
    }
    for (const c of ["roster:manage", "course:staff", "course:delete", "event:delete", "attendance:unmark", "course:edit", "event:edit"] as const) {
      expect(decide({ role: "student" }, c, course("assistant"))).toBe("forbidden");
    }
  });

  it("lets the course's instructors run it", () => {
    for (const c of [...assistantMay, "roster:manage", "course:staff", "course:delete", "event:create", "event:edit", "event:delete", "attendance:unmark", "approvals:decide"] as const) {
      expect(decide({ role: "instructor" }, c, course("instructor"))).toBe("allow");
    }
  });

  it("hides a course from anyone without a part in it, site instructors included; admins see every course", () => {
    expect(decide({ role: "instructor" }, "report:view", course(null))).toBe("hidden");
    expect(decide({ role: "student" }, "course:view", course(null))).toBe("hidden");
    expect(decide({ role: "admin" }, "course:delete", course(null))).toBe("allow");
  });

  it("does not carry site grants into a course: an instructor cannot create sessions in a course they do not teach", () => {
    expect(decide({ role: "instructor" }, "event:create", SITE)).toBe("allow");
    expect(decide({ role: "instructor" }, "event:create", course(null))).toBe("hidden");
    expect(decide({ role: "instructor" }, "event:create", course("assistant"))).toBe("forbidden");
  });

  it("ignores an instructor row of an account demoted to student", () => {
    expect(effectiveCourseRole("student", "instructor")).toBeNull();
    expect(effectiveCourseRole("student", "assistant")).toBe("assistant");
    expect(effectiveCourseRole("instructor", "instructor")).toBe("instructor");
    expect(effectiveCourseRole("admin", undefined)).toBeNull();
  });
});
