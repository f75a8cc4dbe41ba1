import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generatePassword } from "./create-admin";
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
