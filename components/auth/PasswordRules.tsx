"use client";
// Live password feedback: the same pure policy the server enforces (lib/accounts/password-policy).
import { PASSWORD_RULES, checkPassword, type PasswordRule } from "@/lib/accounts/password-policy";

const SHOWN: PasswordRule[] = ["too_short", "missing_uppercase", "missing_lowercase", "missing_digit", "missing_special", "common_password", "contains_email", "too_long"];

export function PasswordRules({ id, password, email }: { id: string; password: string; email: string }) {
  const broken = new Set(checkPassword(password, email).map((v) => v.code));
  return (
    <ul id={id} data-testid="password-rules" className="space-y-1 text-sm" aria-label="Password rules">
      {SHOWN.filter((code) => code !== "too_long" || broken.has("too_long")).map((code) => {
        const ok = password.length > 0 && !broken.has(code);
        return (
          <li key={code} data-rule={code} data-ok={ok ? "true" : "false"} className={ok ? "text-emerald-700" : "text-slate-600"}>
            <span aria-hidden="true" className="mr-2 inline-block w-4">{ok ? "✓" : "•"}</span>
            {PASSWORD_RULES[code]}
            <span className="sr-only">{ok ? " (met)" : " (not met yet)"}</span>
          </li>
        );
      })}
    </ul>
  );
}
