// docs/design.md#accounts: every violated rule is reported at once, each with a code.
// Browser-safe (the signup form shows the rules live): no Node APIs.
import { AppError } from "../errors";
import { isCommonPassword } from "./common-passwords";

const utf8 = new TextEncoder();

export const PASSWORD_RULES = {
  too_short: "At least 8 characters",
  too_long: "At most 72 bytes (bcrypt ignores anything longer)",
  missing_uppercase: "An uppercase letter",
  missing_lowercase: "A lowercase letter",
  missing_digit: "A digit",
  missing_special: "A special character (such as ! ? # or %)",
  common_password: "Not one of the most common passwords",
  contains_email: "Does not contain the part of your email before the @",
} as const;

export type PasswordRule = keyof typeof PASSWORD_RULES;

export interface PasswordViolation {
  code: PasswordRule;
  message: string;
}

/** Pure: the list of rules `password` breaks for the account `email` (empty = acceptable). */
export function checkPassword(password: string, email: string): PasswordViolation[] {
  const broken: PasswordRule[] = [];
  if ([...password].length < 8) broken.push("too_short");
  if (utf8.encode(password).byteLength > 72) broken.push("too_long");
  if (!/\p{Lu}/u.test(password)) broken.push("missing_uppercase");
  if (!/\p{Ll}/u.test(password)) broken.push("missing_lowercase");
  if (!/\p{Nd}/u.test(password)) broken.push("missing_digit");
  if (!/[^\p{L}\p{Nd}]/u.test(password)) broken.push("missing_special");
  if (isCommonPassword(password)) broken.push("common_password");
  const local = email.trim().toLowerCase().split("@")[0] ?? "";
  if (local.length >= 3 && password.toLowerCase().includes(local)) broken.push("contains_email");
  return broken.map((code) => ({ code, message: PASSWORD_RULES[code] }));
}

export function assertPasswordAcceptable(password: string, email: string): void {
  const violations = checkPassword(password, email);
  if (violations.length) {
    throw new AppError("weak_password", "The password does not meet the policy.", { violations });
  }
}
