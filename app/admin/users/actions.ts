"use server";
// Server actions are public POST endpoints: each asks the policy itself (users:manage, the same
// capability as the /api/admin/users routes; docs/design.md#roles-and-permissions).
import { redirect } from "next/navigation";
import { requireActionCapability } from "@/lib/auth/current-user";
import { isAppError } from "@/lib/errors";
import { IdParams, UpdateUserBody } from "@/lib/users/schemas";
import { revokeSessionsForUser } from "@/lib/users/revoke-sessions";
import { revokeUserPasskeys } from "@/lib/passkeys/revoke-user-passkeys";
import { unlockUser } from "@/lib/users/unlock-user";
import { sendPasswordReset } from "@/lib/users/send-password-reset";
import { updateUser } from "@/lib/users/update-user";

/** Only same-page returns: a query string for /admin/users, never another URL. */
function back(formData: FormData, outcome: { error?: string; done?: string }): never {
  const raw = String(formData.get("return") ?? "");
  const params = new URLSearchParams(raw.startsWith("?") ? raw.slice(1) : raw);
  params.delete("error");
  params.delete("done");
  if (outcome.error) params.set("error", outcome.error);
  if (outcome.done) params.set("done", outcome.done);
  redirect(`/admin/users?${params.toString()}`);
}

async function attempt(formData: FormData, run: () => Promise<string>): Promise<never> {
  let done: string;
  try {
    done = await run();
  } catch (error) {
    if (isAppError(error)) back(formData, { error: error.code });
    throw error;
  }
  back(formData, { done });
}

/** The policy's answer for this action: a refusal goes back to the page as its error code. */
async function allowedTo(formData: FormData) {
  try {
    return await requireActionCapability("users:manage");
  } catch (error) {
    if (isAppError(error)) back(formData, { error: error.status === 401 ? "unauthenticated" : "forbidden" });
    throw error;
  }
}

export async function changeUserAction(formData: FormData): Promise<void> {
  const { ctx, user } = await allowedTo(formData);
  const id = IdParams.safeParse({ id: formData.get("id") });
  const role = formData.get("role");
  const active = formData.get("active");
  const body = UpdateUserBody.safeParse({
    ...(role ? { role } : {}),
    ...(active === "true" || active === "false" ? { active: active === "true" } : {}),
  });
  if (!id.success || !body.success) back(formData, { error: "validation_failed" });
  await attempt(formData, async () => {
    await updateUser(ctx, { actor: user, userId: id.data.id, ...body.data });
    return "updated";
  });
}

export async function revokeSessionsAction(formData: FormData): Promise<void> {
  const { ctx, user } = await allowedTo(formData);
  const id = IdParams.safeParse({ id: formData.get("id") });
  if (!id.success) back(formData, { error: "validation_failed" });
  await attempt(formData, async () => {
    const { revoked } = await revokeSessionsForUser(ctx, { actor: user, userId: id.data.id });
    return `revoked_${revoked}`;
  });
}

export async function unlockUserAction(formData: FormData): Promise<void> {
  const { ctx, user } = await allowedTo(formData);
  const id = IdParams.safeParse({ id: formData.get("id") });
  if (!id.success) back(formData, { error: "validation_failed" });
  await attempt(formData, async () => {
    await unlockUser(ctx, { actor: user, userId: id.data.id });
    return "unlocked";
  });
}

export async function revokePasskeysAction(formData: FormData): Promise<void> {
  const { ctx, user } = await allowedTo(formData);
  const id = IdParams.safeParse({ id: formData.get("id") });
  if (!id.success) back(formData, { error: "validation_failed" });
  await attempt(formData, async () => {
    const { revoked } = await revokeUserPasskeys(ctx, { actor: user, userId: id.data.id });
    return `passkeys_${revoked}`;
  });
}

export async function sendPasswordResetAction(formData: FormData): Promise<void> {
  const { ctx, user } = await allowedTo(formData);
  const id = IdParams.safeParse({ id: formData.get("id") });
  if (!id.success) back(formData, { error: "validation_failed" });
  await attempt(formData, async () => {
    await sendPasswordReset(ctx, { actor: user, userId: id.data.id });
    return "reset_sent";
  });
}
