import type { Metadata } from "next";
import { ChangePasswordForm } from "@/components/auth/PasswordForms";
import { PasskeyManager } from "@/components/passkeys/PasskeyManager";
import { requirePageUser } from "@/lib/auth/current-user";
import { listPasskeys } from "@/lib/passkeys/list-passkeys";
import { MailPreferences } from "@/components/mail/MailPreferences";
import { getMailPreferences } from "@/lib/mail/mail-preferences";

export const metadata: Metadata = { title: "Security" };

export default async function SecurityPage() {
  // the one page a user who must replace a given password can open (docs/authentication.md#the-bootstrap-admin)
  const { ctx, user } = await requirePageUser(undefined, "/security", { beforePasswordChange: true });
  if (user.mustChangePassword) {
    return (
      <div className="mx-auto max-w-2xl space-y-6">
        <h1 className="text-2xl font-bold">Security</h1>
        <div data-testid="must-change-password" className="space-y-2 rounded-xl border border-amber-300 bg-amber-50 p-5 text-amber-950">
          <h2 className="text-lg font-semibold">Choose your own password first</h2>
          <p>The password you signed in with was printed when Rollcall was installed. Replace it with one only you know; everything else opens once you have.</p>
        </div>
        <section aria-labelledby="password-heading" className="space-y-3 rounded-xl border border-slate-200 bg-white p-5 sm:p-6">
          <h2 id="password-heading" className="text-lg font-semibold">Change password</h2>
          <ChangePasswordForm email={user.email} required />
        </section>
      </div>
    );
  }
  const initial = await listPasskeys(ctx, user);
  const mail = await getMailPreferences(ctx, user);
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold">Security</h1>
        <p className="text-slate-600">
          A passkey lets you sign in with your phone&apos;s or computer&apos;s fingerprint, face or PIN instead of your password. It cannot be
          phished, and it stays on your own device. Your password keeps working.
        </p>
      </div>
      <PasskeyManager initial={initial} />
      <section aria-labelledby="password-heading" className="space-y-3 rounded-xl border border-slate-200 bg-white p-5 sm:p-6">
        <h2 id="password-heading" className="text-lg font-semibold">Change password</h2>
        <p className="text-sm text-slate-600">Changing it signs you out on your other devices; this one stays signed in.</p>
        <ChangePasswordForm email={user.email} required={false} />
      </section>
      <MailPreferences initial={mail} />
    </div>
  );
}
