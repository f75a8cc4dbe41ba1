import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { CreateAdminInput, generatePassword } from "./create-admin";
import { checkPassword } from "./password-policy";

describe("generatePassword (the bootstrap admin's)", () => {
  it("always satisfies the password policy and never starts like a flag", () => {
    for (let i = 0; i < 200; i++) {
      const pw = generatePassword(randomBytes(15));
      expect(checkPassword(pw, "admin@rollcall.local")).toEqual([]);
      expect(pw.startsWith("-")).toBe(false);
    }
  });
});

describe("CreateAdminInput", () => {
  it("keeps the admin's name to the one name rule", () => {
    const base = { email: "root@college.edu", password: "x" };
    expect(CreateAdminInput.parse(base).full_name).toBe("Administrator");
    expect(CreateAdminInput.parse({ ...base, full_name: " \u202EGrace\u200B Hopper " }).full_name).toBe("Grace Hopper");
    expect(CreateAdminInput.safeParse({ ...base, full_name: "\u200B" }).success).toBe(false);
  });
});
