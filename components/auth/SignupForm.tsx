"use client";
// The signup form: live password rules, every server refusal shown beside its field, then
// on to the waiting page with the status token (sessionStorage, not the URL).
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { checkPassword } from "@/lib/accounts/password-policy";
import { saveSignupHandoff } from "@/lib/accounts/signup-handoff";
import { useHydrated } from "@/components/ui/use-hydrated";
import { callApi, type ApiError } from "@/components/ui/api-client";
import { PasswordRules } from "./PasswordRules";

type Field = "email" | "password" | "full_name";
const input = "w-full rounded-lg border border-slate-300 px-3 py-3 text-base focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30 aria-[invalid=true]:border-red-500";

function fieldErrors(error: ApiError): Partial<Record<Field, string>> {
  const out: Partial<Record<Field, string>> = {};
  if (error.code === "weak_password") out.password = "The password does not meet every rule below.";
  if (error.code === "email_taken" || error.code === "approval_pending") out.email = error.message;
  if (error.code === "validation_failed" && Array.isArray(error.details)) {
    for (const d of error.details as { path: string; message: string }[]) {
      const field = d.path.replace(/^body\./, "") as Field;
      if (field === "email") out.email = "Enter a valid email address.";
      else if (field === "full_name") out.full_name = "Enter your full name (up to 120 characters).";
      else if (field === "password") out.password = "Enter a password (up to 200 characters).";
    }
  }
  return out;
}

export function SignupForm() {
  const router = useRouter();
  const [fullName, setFullName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const hydrated = useHydrated(); // submitting before hydration would post the form to the page itself
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<ApiError | null>(null);

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    setErrors({});
    setFormError(null);
    if (checkPassword(password, email).length) {
      setErrors({ password: "The password does not meet every rule below." });
      return;
    }
    setBusy(true);
    const res = await callApi<{ status_token: string; user: { email: string } }>("/api/auth/signup", { json: { email, password, full_name: fullName } });
    if (res.ok) {
      saveSignupHandoff({ status_token: res.data.status_token, email: res.data.user.email });
      router.push("/pending");
      return;
    }
    setBusy(false);
    const fields = fieldErrors(res.error);
    setErrors(fields);
    if (Object.keys(fields).length === 0) setFormError(res.error);
  }

  const described = (f: Field, extra?: string) => [errors[f] ? `${f}-error` : null, extra].filter(Boolean).join(" ") || undefined;
  return (
    <form method="post" onSubmit={onSubmit} className="space-y-5" noValidate>
      <div className="space-y-1">
        <label htmlFor="full_name" className="block text-sm font-medium text-slate-800">Full name</label>
        <input id="full_name" name="full_name" autoComplete="name" required maxLength={120} value={fullName} onChange={(e) => setFullName(e.target.value)}
          aria-invalid={!!errors.full_name} aria-describedby={described("full_name")} className={input} />
        {errors.full_name && <p id="full_name-error" className="text-sm text-red-700">{errors.full_name}</p>}
      </div>
      <div className="space-y-1">
        <label htmlFor="email" className="block text-sm font-medium text-slate-800">College email</label>
        <input id="email" name="email" type="email" autoComplete="email" required maxLength={254} value={email} onChange={(e) => setEmail(e.target.value)}
          aria-invalid={!!errors.email} aria-describedby={described("email")} className={input} />
        {errors.email && (
          <p id="email-error" data-testid="email-error" className="text-sm text-red-700">
            {errors.email} <Link href="/login" className="underline">Log in</Link>
          </p>
        )}
      </div>
      <div className="space-y-2">
        <label htmlFor="password" className="block text-sm font-medium text-slate-800">Password</label>
        <input id="password" name="password" type="password" autoComplete="new-password" required maxLength={200} value={password} onChange={(e) => setPassword(e.target.value)}
          aria-invalid={!!errors.password} aria-describedby={described("password", "password-rules")} className={input} />
        {errors.password && <p id="password-error" className="text-sm text-red-700">{errors.password}</p>}
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
