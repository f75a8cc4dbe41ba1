import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkPassword, PASSWORD_RULES } from "./password-policy";

const codes = (p: string, email = "ada@college.edu") => checkPassword(p, email).map((v) => v.code).sort();

describe("checkPassword", () => {
  it("accepts a password meeting every rule", () => {
    expect(checkPassword("Tr1cky-Lantern-88", "ada@college.edu")).toEqual([]);
  });

  it.each([
    ["Ab1!", ["too_short"]],
    [`Aa1!${"x".repeat(70)}`, ["too_long"]],
    ["lowercase-only-1", ["missing_uppercase"]],
    ["UPPERCASE-ONLY-1", ["missing_lowercase"]],
    ["No-Digits-Here!", ["missing_digit"]],
    ["NoSpecials123abc", ["missing_special"]],
    ["Password123!", ["common_password"]],
    ["P@ssw0rd", ["common_password"]],
    ["Xx9!-adalove", ["contains_email"]],
  ])("%j breaks exactly %j", (password, expected) => {
    expect(codes(password, "adalove@college.edu")).toEqual([...expected].sort());
  });

  it("reports every violated rule at once, each with its message", () => {
    const v = checkPassword("a", "x@y.z");
    expect(v.map((x) => x.code).sort()).toEqual(["missing_digit", "missing_special", "missing_uppercase", "too_short"]);
    for (const x of v) expect(x.message).toBe(PASSWORD_RULES[x.code]);
  });

  it("counts characters, not UTF-16 units, and bytes for the bcrypt limit", () => {
    expect(codes("Ää1!ÖöüÜ")).toEqual([]);
    expect(codes(`Aa1!${"é".repeat(35)}`)).toEqual(["too_long"]); // 4 + 70 bytes
  });

  it("ignores a local part shorter than 3 characters", () => {
    expect(codes("Tr1cky-Lantern-88", "tr@college.edu")).toEqual([]);
  });

  it("never throws and only returns known codes (property)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 100 }), fc.emailAddress(), (p, e) => {
        for (const v of checkPassword(p, e)) expect(Object.keys(PASSWORD_RULES)).toContain(v.code);
      }),
    );
  });
});
