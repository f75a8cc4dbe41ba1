"use client";
// The signup form: every problem flagged at once next to its field (checked here first with
// the same password policy the server enforces, then whatever the server still refuses), live
// password rules, a show-password toggle, then on to "check your inbox" with the address
// (sessionStorage, not the URL): the signup is finished by the mailed link or code
// (docs/authentication.md#verified-email-at-signup). The server answers the same for every
// address, so this page never says whether one is already registered. A course join code is
// optional: a student not on the roster gives it so that course's instructors decide (and
// approving enrols them); /signup?code=… fills it in.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { checkPassword } from "@/lib/accounts/password-policy";
import { saveVerifyHandoff } from "@/lib/accounts/signup-handoff";
import { useHydrated } from "@/components/ui/use-hydrated";
import { callApi, type ClientError } from "@/lib/client/call-api";
import { PasswordRules } from "./PasswordRules";

type Field = "email" | "password" | "full_name" | "join_code";
type Errors = Partial<Record<Field, string>>;
const input = "w-full rounded-lg border border-slate-300 px-3 py-3 text-base focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30 aria-[invalid=true]:border-red-500";
const FIELDS: Field[] = ["full_name", "email", "password", "join_code"];

/** Every problem the page can see before asking the server, all at once. */
function localErrors(fullName: string, email: string, password: string): Errors {
  const out: Errors = {};
  if (!fullName.trim()) out.full_name = "Enter your full name.";
  if (!email.trim()) out.email = "Enter your college email address.";
  else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) out.email = "Enter a valid email address, like name@college.edu.";
  if (!password) out.password = "Choose a password that meets the rules below.";
  else if (checkPassword(password, email).length) out.password = "The password does not meet every rule below yet.";
  return out;
}

/** The server's refusal, placed next to the field it concerns. */
function serverErrors(error: ClientError): Errors {
  if (error.code === "weak_password") return { password: error.message };
  if (error.code === "join_code_invalid") return { join_code: error.message };
  return Object.fromEntries(Object.entries(error.fields).filter(([f]) => (FIELDS as string[]).includes(f)));
}

/**
 * `defaultEmail`: the address from an invitation's signup link (lib/mail/templates/course-invitation.ts);
 * `initialJoinCode`: a course's join code from a join link.
 */
export function SignupForm({ defaultEmail = "", initialJoinCode = "" }: { defaultEmail?: string; initialJoinCode?: string }) {
  const router = useRouter();
  const [joinCode, setJoinCode] = useState(initialJoinCode);
  const [fullName, setFullName] = useState("");
  const [email, setEmail] = useState(defaultEmail);
  const [password, setPassword] = useState("");
  const [showPassword, setShowPassword] = useState(false);
  const [busy, setBusy] = useState(false);
  const hydrated = useHydrated(); // submitting before hydration would post the form to the page itself
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<ClientError | null>(null);

  const focusFirst = (found: Errors) => {
    const first = FIELDS.find((f) => found[f]);
    if (first) document.getElementById(first)?.focus();
  };

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    setFormError(null);
    const local = localErrors(fullName, email, password);
    setErrors(local);
    if (Object.keys(local).length) return focusFirst(local);
    setBusy(true);
    const res = await callApi("POST /api/auth/signup", { body: { email, password, full_name: fullName, ...(joinCode.trim() ? { join_code: joinCode } : {}) } });
    if (res.ok) {
      saveVerifyHandoff(email.trim());
      router.push("/check-inbox");
      return;
    }
    setBusy(false);
    const fields = serverErrors(res.error);
    setErrors(fields);
    if (Object.keys(fields).length === 0) setFormError(res.error);
    else focusFirst(fields);
  }

  const described = (f: Field, extra?: string) => [errors[f] ? `${f}-error` : null, extra].filter(Boolean).join(" ") || undefined;
  return (
    <form method="post" onSubmit={onSubmit} className="space-y-5" noValidate>
      <div className="space-y-1">
        <label htmlFor="full_name" className="block text-sm font-medium text-slate-800">Full name</label>
        <input id="full_name" name="full_name" autoComplete="name" required maxLength={120} value={fullName} onChange={(e) => setFullName(e.target.value)}
          aria-invalid={!!errors.full_name} aria-describedby={described("full_name")} className={input} />
        {errors.full_name && <p id="full_name-error" data-testid="full_name-error" className="text-sm text-red-700">{errors.full_name}</p>}
      </div>
      <div className="space-y-1">
        <label htmlFor="email" className="block text-sm font-medium text-slate-800">College email</label>
        <input id="email" name="email" type="email" autoComplete="email" required maxLength={254} value={email} onChange={(e) => setEmail(e.target.value)}
          aria-invalid={!!errors.email} aria-describedby={described("email")} className={input} />
        {errors.email && (
          <p id="email-error" data-testid="email-error" className="text-sm text-red-700">
            {errors.email}
          </p>
        )}
      </div>
      <div className="space-y-2">
        <label htmlFor="password" className="block text-sm font-medium text-slate-800">Password</label>
        <div className="relative">
          <input id="password" name="password" type={showPassword ? "text" : "password"} autoComplete="new-password" required maxLength={200} value={password}
            onChange={(e) => setPassword(e.target.value)} aria-invalid={!!errors.password} aria-describedby={described("password", "password-rules")} className={`${input} pr-24`} />
          <button type="button" onClick={() => setShowPassword((v) => !v)} aria-pressed={showPassword} data-testid="toggle-password"
            className="absolute inset-y-1 right-1 rounded-md px-3 text-sm font-semibold text-brand-700 hover:bg-slate-100">
            {showPassword ? "Hide" : "Show"}<span className="sr-only"> password</span>
          </button>
        </div>
        {errors.password && <p id="password-error" data-testid="password-error" className="text-sm text-red-700">{errors.password}</p>}
        <PasswordRules id="password-rules" password={password} email={email} />
      </div>
      <div className="space-y-1">
        <label htmlFor="join_code" className="block text-sm font-medium text-slate-800">Course join code <span className="font-normal text-slate-600">(optional)</span></label>
        <input id="join_code" name="join_code" autoComplete="off" autoCapitalize="characters" spellCheck={false} maxLength={32} value={joinCode} onChange={(e) => setJoinCode(e.target.value)}
          aria-invalid={!!errors.join_code} aria-describedby={[errors.join_code ? "join_code-error" : null, "join_code-hint"].filter(Boolean).join(" ")} className={`${input} font-mono uppercase`} />
        <p id="join_code-hint" className="text-sm text-slate-600">Not on your course&apos;s list yet? The code your lecturer gave you lets the course&apos;s instructors approve you and enrols you.</p>
        {errors.join_code && <p id="join_code-error" data-testid="join_code-error" className="text-sm text-red-700">{errors.join_code}</p>}
      </div>
      <div aria-live="assertive">
        {formError && (
          <p data-testid="signup-error" data-code={formError.code} className="rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-900">{formError.message}</p>
        )}
      </div>
      <button type="submit" disabled={busy || !hydrated} data-testid="signup-submit" className="w-full rounded-lg bg-brand-700 px-5 py-3 font-semibold text-white hover:bg-brand-900 disabled:opacity-60">
        {busy ? "Sending…" : "Sign up"}
      </button>
    </form>
  );
}
