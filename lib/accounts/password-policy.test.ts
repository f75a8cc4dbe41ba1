import { describe, expect, it } from "vitest";
import { checkPassword } from "./password-policy";

const codes = (pw: string, email = "sam@example.edu") => checkPassword(pw, email).map((v) => v.code);

describe("password policy", () => {
  it("accepts a strong password", () => {
    expect(codes("Blue-Kettle-42-Sings")).toEqual([]);
  });
  it("reports every broken rule at once", () => {
    expect(codes("abc")).toEqual(["too_short", "missing_uppercase", "missing_digit", "missing_special"]);
  });
  it("rejects common passwords even when decorated", () => {
    expect(codes("Password123!")).toEqual(["common_password"]);
    expect(codes("Welcome1!")).toEqual(["common_password"]);
  });
  it("rejects passwords containing the email's local part", () => {
    expect(codes("xSamantha#2024", "samantha@uni.edu")).toEqual(["contains_email"]);
  });
  it("rejects passwords bcrypt would truncate", () => {
    expect(codes(`Aa1!${"x".repeat(80)}`)).toEqual(["too_long"]);
  });
});
