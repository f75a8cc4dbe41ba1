import { describe, expect, it } from "vitest";
import type { SsoConfig } from "../../config";
import { isAppError } from "../../errors";
import { FRESH_AUTH_SECONDS, freshAuthTime, grantsInstructor, ssoIdentity } from "./sso-identity";

const sso: SsoConfig = { issuer: "https://idp.college.edu", clientId: "rollcall", clientSecret: "x", displayName: "College", roleClaim: "groups", instructorValues: ["staff", "lecturers"] };
const now = new Date("2026-12-07T09:00:00Z");
const epoch = (d: Date) => Math.floor(d.getTime() / 1000);

function reasonOf(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (error) {
    if (isAppError(error) && error.code === "sso_failed") return (error.details as { reason: string }).reason;
    throw error;
  }
}

describe("ssoIdentity: what an ID token's claims may do", () => {
  it("takes the address only when the provider verified it", () => {
    expect(ssoIdentity({ sub: "1", email: " Ada@College.EDU ", email_verified: true, name: "Ada Lovelace" }, sso, now)).toMatchObject({ email: "ada@college.edu", fullName: "Ada Lovelace", instructor: false });
    expect(reasonOf(() => ssoIdentity({ sub: "1", email: "ada@college.edu", email_verified: false }, sso, now))).toBe("email_not_verified");
    expect(reasonOf(() => ssoIdentity({ sub: "1", email: "ada@college.edu" }, sso, now))).toBe("email_not_verified");
    expect(reasonOf(() => ssoIdentity({ sub: "1", email: "ada@college.edu", email_verified: "true" }, sso, now))).toBe("email_not_verified");
    expect(reasonOf(() => ssoIdentity({ sub: "1", email_verified: true }, sso, now))).toBe("email_missing");
    expect(reasonOf(() => ssoIdentity({ sub: "1", email: "not an address", email_verified: true }, sso, now))).toBe("email_missing");
  });

  it("names the person from name, given and family name, or the address; cleans invisible characters", () => {
    const base = { sub: "1", email: "grace.hopper@college.edu", email_verified: true };
    expect(ssoIdentity({ ...base, given_name: "Grace", family_name: "Hopper" }, sso, now).fullName).toBe("Grace Hopper");
    expect(ssoIdentity({ ...base, name: "Grace\u202E Hopper" }, sso, now).fullName).toBe("Grace Hopper");
    expect(ssoIdentity({ ...base, name: "   " }, sso, now).fullName).toBe("grace hopper");
  });

  it("grants instructor from the role claim's values (a string or a list), never anything else", () => {
    expect(grantsInstructor({ groups: ["students", "staff"] }, sso)).toBe(true);
    expect(grantsInstructor({ groups: "lecturers" }, sso)).toBe(true);
    expect(grantsInstructor({ groups: ["admin", "Staff"] }, sso)).toBe(false);
    expect(grantsInstructor({ groups: [{ staff: true }] }, sso)).toBe(false);
    expect(grantsInstructor({ groups: ["staff"] }, { roleClaim: null, instructorValues: [] })).toBe(false);
  });

  it("counts the provider's authentication as a proof of presence only when it just happened", () => {
    expect(freshAuthTime(epoch(now) - 30, now)).toEqual(new Date((epoch(now) - 30) * 1000));
    expect(freshAuthTime(epoch(now) - FRESH_AUTH_SECONDS - 1, now)).toBeNull();
    expect(freshAuthTime(epoch(now) + 5, now)).toEqual(now);
    expect(freshAuthTime(epoch(now) + 60, now)).toBeNull();
    expect(freshAuthTime(undefined, now)).toBeNull();
    expect(freshAuthTime("1700000000", now)).toBeNull();
  });
});
