import type { Metadata } from "next";
import Link from "next/link";
import { Field, Notice, buttonClass, inputClass, secondaryButtonClass } from "@/components/admin/ui";
import { requirePageCapability } from "@/lib/auth/current-user";
import { listUsers } from "@/lib/users/list-users";
import { ROLES, USER_STATUSES, UserListQuery } from "@/lib/users/schemas";
import { changeUserAction, revokePasskeysAction, revokeSessionsAction, sendPasswordResetAction, unlockUserAction } from "./actions";
import { StepUpThenRetry } from "@/components/auth/StepUpThenRetry";
import { TableHead } from "@/components/ui/TableHead";
import { Time } from "@/components/ui/Time";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { AdminRightsExplained, InstructorRightsExplained } from "@/components/admin/AdminRightsExplained";

export const metadata: Metadata = { title: "Users" };

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() || undefined;

const ERRORS: Record<string, string> = {
  last_admin: "That is the last active admin: make another admin first.",
  conflict: "Pending, rejected and expired accounts are activated through approvals.",
  not_found: "That user no longer exists.",
  validation_failed: "That change is not valid.",
  rate_limited: "That account was sent 3 reset links in the last hour: wait before sending another.",
  forbidden: "Your role does not allow changing users.",
  unauthenticated: "Your session ended: log in again.",
};

function doneMessage(done: string): string {
  if (done.startsWith("revoked_")) return `Revoked ${done.slice(8)} session(s).`;
  if (done.startsWith("passkeys_")) return `Revoked ${done.slice(9)} passkey(s): they sign in with their password until they add a new one.`;
  if (done === "unlocked") return "Unlocked: they can log in again from any device.";
  if (done === "reset_sent") return "Reset link sent: it reaches only their mailbox and works once, for a short while. Their password is unchanged until they use it.";
  return "Saved. Their sessions were ended.";
}

export default async function UsersPage({ searchParams }: { searchParams: Promise<Search> }) {
  const { ctx, user: me } = await requirePageCapability("users:manage", undefined, "/admin/users");
  const sp = await searchParams;
  const filters = { q: one(sp.q), role: one(sp.role), status: one(sp.status) };
  const parsed = UserListQuery.safeParse({ ...filters, cursor: one(sp.cursor), limit: "50" });
  const page = parsed.success ? await listUsers(ctx, parsed.data) : null;
  const current = new URLSearchParams(Object.entries({ ...filters, cursor: one(sp.cursor) }).filter((e): e is [string, string] => !!e[1]));
  const returnTo = `?${current.toString()}`;
  const next = new URLSearchParams(Object.entries(filters).filter((e): e is [string, string] => !!e[1]));
  if (page?.next_cursor) next.set("cursor", page.next_cursor);
  const error = one(sp.error);
  const done = one(sp.done);

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Users</h1>
      <form method="get" action="/admin/users" className="grid gap-3 rounded-xl border border-slate-200 bg-white p-4 sm:grid-cols-4" aria-label="Search users">
        <Field label="Search">
          <input name="q" type="search" defaultValue={filters.q} placeholder="name or email" className={inputClass} />
        </Field>
        <Field label="Role">
          <select name="role" defaultValue={filters.role ?? ""} className={inputClass}>
            <option value="">Any</option>
            {ROLES.map((r) => <option key={r} value={r}>{r}</option>)}
          </select>
        </Field>
        <Field label="Status">
          <select name="status" defaultValue={filters.status ?? ""} className={inputClass}>
            <option value="">Any</option>
            {USER_STATUSES.map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
        </Field>
        <div className="flex items-end gap-2">
          <button type="submit" className={buttonClass}>Search</button>
          <Link href="/admin/users" className="px-2 py-2 text-sm text-slate-600 hover:underline">Reset</Link>
        </div>
      </form>

      {error === "step_up_required" ? (
        <StepUpThenRetry action="give a user a staff role" />
      ) : (
        error && <Notice kind="error" testId="users-error">{ERRORS[error] ?? "That did not work."}</Notice>
      )}
      {done && <Notice kind="info" testId="users-done">{doneMessage(done)}</Notice>}
      {!parsed.success && <Notice kind="error">Invalid filters.</Notice>}

      {page && (
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
          <table className="stack-table w-full text-left text-sm" data-testid="users-table">
            <TableHead columns={["User", "Role", "Status", "Sessions", "Passkeys", "Last login", "Actions"]} />
            <tbody>
              {page.users.length === 0 && (
                <tr><td colSpan={7} className="px-3 py-6 text-center text-slate-500">No users match.</td></tr>
              )}
              {page.users.map((u) => (
                <tr key={u.id} className="border-t border-slate-100 align-top" data-testid="user-row" data-email={u.email}>
                  <td className="px-3 py-2">
                    <span className="block font-medium">{u.full_name}{u.id === me.id && <span className="text-slate-500"> (you)</span>}</span>
                    <span className="block text-slate-600">{u.email}</span>
                  </td>
                  <td className="px-3 py-2" data-label="Role">{u.role}</td>
                  <td className="px-3 py-2" data-label="Status">
                    {u.status}
                    {u.locked_until && <span className="block text-xs text-red-800" data-testid="user-locked">Login locked until <Time value={u.locked_until} style="time-seconds" /></span>}
                  </td>
                  <td className="px-3 py-2" data-label="Sessions">{u.active_sessions}</td>
                  <td className="px-3 py-2" data-label="Passkeys" data-testid="user-passkeys">{u.passkeys}</td>
                  <td className="px-3 py-2" data-label="Last login">{u.last_login_at ? <Time value={u.last_login_at} now={ctx.clock.now()} /> : "—"}</td>
                  <td className="px-3 py-2 max-sm:pt-2">
                    <div className="flex flex-wrap gap-2">
                      {u.role !== "student" && (
                        <form action={changeUserAction}>
                          <input type="hidden" name="id" value={u.id} />
                          <input type="hidden" name="return" value={returnTo} />
                          <input type="hidden" name="role" value="student" />
                          <button type="submit" className={secondaryButtonClass}>
                            Make student<span className="sr-only"> {u.email}</span>
                          </button>
                        </form>
                      )}
                      {/* only a working account gets a staff role: a pending one is decided on the approvals page */}
                      {u.role !== "instructor" && u.status === "active" && (
                        <form action={changeUserAction}>
                          <input type="hidden" name="id" value={u.id} />
                          <input type="hidden" name="return" value={returnTo} />
                          <input type="hidden" name="role" value="instructor" />
                          <ConfirmDialog
                            trigger="Make instructor"
                            triggerLabel={`Make instructor: ${u.email}`}
                            triggerClassName={secondaryButtonClass}
                            testId="make-instructor"
                            title={`Make ${u.full_name} an instructor?`}
                            confirm={`Make ${u.full_name.split(" ")[0]} an instructor`}
                          >
                            <InstructorRightsExplained />
                          </ConfirmDialog>
                        </form>
                      )}
                      {u.role !== "admin" && u.status === "active" && (
                        <form action={changeUserAction}>
                          <input type="hidden" name="id" value={u.id} />
                          <input type="hidden" name="return" value={returnTo} />
                          <input type="hidden" name="role" value="admin" />
                          <ConfirmDialog
                            trigger="Make admin"
                            triggerLabel={`Make admin: ${u.email}`}
                            triggerClassName={secondaryButtonClass}
                            testId="make-admin"
                            title={`Make ${u.full_name} an admin?`}
                            confirm={`Make ${u.full_name.split(" ")[0]} an admin`}
                          >
                            <AdminRightsExplained />
                          </ConfirmDialog>
                        </form>
                      )}
                      {(u.status === "active" || u.status === "deactivated") && (
                        <form action={changeUserAction}>
                          <input type="hidden" name="id" value={u.id} />
                          <input type="hidden" name="return" value={returnTo} />
                          <input type="hidden" name="active" value={u.status === "active" ? "false" : "true"} />
                          <button type="submit" className={secondaryButtonClass}>
                            {u.status === "active" ? "Deactivate" : "Reactivate"}<span className="sr-only"> {u.email}</span>
                          </button>
                        </form>
                      )}
                      {u.locked_until && (
                        <form action={unlockUserAction}>
                          <input type="hidden" name="id" value={u.id} />
                          <input type="hidden" name="return" value={returnTo} />
                          <button type="submit" className={secondaryButtonClass}>
                            Unlock login<span className="sr-only"> of {u.email}</span>
                          </button>
                        </form>
                      )}
                      {(u.status === "active" || u.status === "pending") && (
                        <form action={sendPasswordResetAction}>
                          <input type="hidden" name="id" value={u.id} />
                          <input type="hidden" name="return" value={returnTo} />
                          <ConfirmDialog
                            trigger="Send reset link"
                            triggerLabel={`Send a password-reset link to ${u.email}`}
                            triggerClassName={secondaryButtonClass}
                            testId="send-reset"
                            title={`Send ${u.full_name} a password-reset link?`}
                            confirm="Send the link"
                          >
                            <p>Rollcall mails {u.email} a link to choose a new password. Nobody else sees the link, and you never see or set their password. Their password stays as it is until they use the link.</p>
                          </ConfirmDialog>
                        </form>
                      )}
                      {u.passkeys > 0 && (
                        <form action={revokePasskeysAction}>
                          <input type="hidden" name="id" value={u.id} />
                          <input type="hidden" name="return" value={returnTo} />
                          <button type="submit" className={secondaryButtonClass}>
                            Revoke passkeys<span className="sr-only"> of {u.email}</span>
                          </button>
                        </form>
                      )}
                      <form action={revokeSessionsAction}>
                        <input type="hidden" name="id" value={u.id} />
                        <input type="hidden" name="return" value={returnTo} />
                        <button type="submit" className={secondaryButtonClass} disabled={u.active_sessions === 0}>
                          End sessions<span className="sr-only"> of {u.email}</span>
                        </button>
                      </form>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {page?.next_cursor && (
        <Link href={`/admin/users?${next.toString()}`} className="inline-block text-sm font-medium text-brand-700 hover:underline">Next page →</Link>
      )}
    </div>
  );
}
