import type { Metadata } from "next";
import { PasskeyManager } from "@/components/passkeys/PasskeyManager";
import { requirePageUser } from "@/lib/auth/current-user";
import { listPasskeys } from "@/lib/passkeys/list-passkeys";

export const metadata: Metadata = { title: "Security" };

export default async function SecurityPage() {
  const { ctx, user } = await requirePageUser(undefined, "/security");
  const initial = await listPasskeys(ctx, user);
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
    </div>
  );
}
