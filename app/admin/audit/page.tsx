import type { Metadata } from "next";
import Link from "next/link";
import { Field, Notice, buttonClass, inputClass } from "@/components/admin/ui";
import { requirePageCapability } from "@/lib/auth/current-user";
import { listAuditLogs } from "@/lib/audit/list-audit-logs";
import { AUDIT_ACTIONS } from "@/lib/audit/record";
import { AuditLogQuery } from "@/lib/audit/schemas";
import { AuditEntry } from "@/components/admin/AuditEntry";
import { UserPicker } from "@/components/admin/UserPicker";
import { AUDIT_ACTION_WORDS, auditActionWords } from "@/lib/audit/action-words";

export const metadata: Metadata = { title: "Audit log" };

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() || undefined;
/** <input type="datetime-local"> sends no zone: the form labels it UTC. */
const asUtc = (v: string | undefined) => (v && /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?$/.test(v) ? `${v.length === 16 ? `${v}:00` : v}Z` : v);

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<Search> }) {
  const { ctx } = await requirePageCapability("audit:view", undefined, "/admin/audit");
  const sp = await searchParams;
  const form = { action: one(sp.action), user_id: one(sp.user_id), ip_address: one(sp.ip_address), from: one(sp.from), to: one(sp.to) };
  const parsed = AuditLogQuery.safeParse({ ...form, from: asUtc(form.from), to: asUtc(form.to), cursor: one(sp.cursor), limit: "50" });
  const [page, person] = await Promise.all([
    parsed.success ? listAuditLogs(ctx, parsed.data) : null,
    form.user_id ? ctx.db.user.findUnique({ where: { id: form.user_id }, select: { id: true, email: true, fullName: true } }) : null,
  ]);
  const next = new URLSearchParams(Object.entries(form).filter((e): e is [string, string] => !!e[1]));
  if (page?.next_cursor) next.set("cursor", page.next_cursor);

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Audit log</h1>
      <form method="get" action="/admin/audit" className="grid gap-3 rounded-xl border border-slate-200 bg-white p-4 sm:grid-cols-3 lg:grid-cols-6" aria-label="Filter the audit log">
        <Field label="Action">
          <select name="action" defaultValue={form.action ?? ""} className={inputClass}>
            <option value="">Any</option>
            {[...AUDIT_ACTIONS].sort((a, b) => auditActionWords(a).localeCompare(auditActionWords(b))).map((a) => (
              <option key={a} value={a}>{AUDIT_ACTION_WORDS[a] ?? auditActionWords(a)}</option>
            ))}
          </select>
        </Field>
        <UserPicker name="user_id" label="Person" initial={person ? { id: person.id, full_name: person.fullName, email: person.email } : form.user_id ? { id: form.user_id, full_name: "Unknown user", email: form.user_id } : null} />
        <Field label="IP address">
          <input name="ip_address" defaultValue={form.ip_address} className={inputClass} />
        </Field>
        <Field label="From (UTC)">
          <input type="datetime-local" name="from" defaultValue={form.from} className={inputClass} />
        </Field>
        <Field label="To (UTC)">
          <input type="datetime-local" name="to" defaultValue={form.to} className={inputClass} />
        </Field>
        <div className="flex items-end gap-2">
          <button type="submit" className={buttonClass}>Filter</button>
          <Link href="/admin/audit" className="px-2 py-2 text-sm text-slate-600 hover:underline">Reset</Link>
        </div>
      </form>

      {!parsed.success && (
        <Notice kind="error" testId="audit-filter-error">
          {parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}
        </Notice>
      )}

      {page && (
        <section aria-label="Entries, newest first" className="rounded-xl border border-slate-200 bg-white">
          <p className="border-b border-slate-100 px-4 py-2 text-xs text-slate-600">Newest first. Open an entry for its details.</p>
          {page.entries.length === 0 ? (
            <p className="px-4 py-6 text-center text-slate-600">No entries match.</p>
          ) : (
            <ul data-testid="audit-table">
              {page.entries.map((e) => <AuditEntry key={e.id} entry={e} />)}
            </ul>
          )}
        </section>
      )}
      {page?.next_cursor && (
        <Link href={`/admin/audit?${next.toString()}`} className="inline-block text-sm font-medium text-brand-700 hover:underline">
          Older entries →
        </Link>
      )}
    </div>
  );
}
