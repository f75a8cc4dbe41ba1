"use client";
// The signup form: every problem flagged at once next to its field (checked here first with
// the same password policy the server enforces, then whatever the server still refuses), live
// password rules, a show-password toggle, then on to the waiting page with the status token
// (sessionStorage, not the URL) — or, for a student on a course roster, signed in and home.
import { signIn } from "next-auth/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { checkPassword } from "@/lib/accounts/password-policy";
import { saveSignupHandoff } from "@/lib/accounts/signup-handoff";
import { useHydrated } from "@/components/ui/use-hydrated";
import { callApi, type ClientError } from "@/lib/client/call-api";
import { PasswordRules } from "./PasswordRules";

type Field = "email" | "password" | "full_name";
type Errors = Partial<Record<Field, string>>;
const input = "w-full rounded-lg border border-slate-300 px-3 py-3 text-base focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30 aria-[invalid=true]:border-red-500";
const FIELDS: Field[] = ["full_name", "email", "password"];

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
  if (error.code === "email_taken" || error.code === "approval_pending") return { email: error.message };
  return Object.fromEntries(Object.entries(error.fields).filter(([f]) => (FIELDS as string[]).includes(f)));
}

export function SignupForm() {
  const router = useRouter();
  const [fullName, setFullName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [showPassword, setShowPassword] = useState(false);
  const [busy, setBusy] = useState(false);
  const hydrated = useHydrated(); // submitting before hydration would post the form to the page itself
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<ClientError | null>(null);
  const [accountExists, setAccountExists] = useState(false);

  const focusFirst = (found: Errors) => {
    const first = FIELDS.find((f) => found[f]);
    if (first) document.getElementById(first)?.focus();
  };

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    setFormError(null);
    setAccountExists(false);
    const local = localErrors(fullName, email, password);
    setErrors(local);
    if (Object.keys(local).length) return focusFirst(local);
    setBusy(true);
    const res = await callApi("POST /api/auth/signup", { body: { email, password, full_name: fullName } });
    if (res.ok && res.data.user.status === "active") {
      // on a course roster: approved at once (docs/courses.md#roster-auto-approval), so sign in
      // and go straight home; a full page load picks up the new session
      const signedIn = await signIn("credentials", { redirect: false, email, password }).catch(() => null);
      window.location.assign(signedIn?.ok && !signedIn.error ? "/home" : `/login?next=${encodeURIComponent("/home")}`);
      return;
    }
    if (res.ok) {
      saveSignupHandoff({ status_token: res.data.status_token, email: res.data.user.email });
      router.push("/pending");
      return;
    }
    setBusy(false);
    setAccountExists(res.error.code === "email_taken" || res.error.code === "approval_pending");
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
            {errors.email} {accountExists && <Link href="/login" className="underline">Log in</Link>}
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
