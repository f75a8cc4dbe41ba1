import type { Metadata } from "next";
import Link from "next/link";
import { Field, Notice, buttonClass, inputClass } from "@/components/admin/ui";
import { OutboxList } from "@/components/mail/OutboxList";
import { waitedFor } from "@/components/mail/OutboxCard";
import { requirePageCapability } from "@/lib/auth/current-user";
import { listOutbox } from "@/lib/mail/list-outbox";
import { OUTBOX_STATES, OutboxQuery } from "@/lib/mail/schemas";

export const metadata: Metadata = { title: "Outgoing mail" };

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() || undefined;
const STATE_LABELS = { pending: "Waiting", sending: "Sending", sent: "Sent", failed: "Failed" } as const;

export default async function OutboxPage({ searchParams }: { searchParams: Promise<Search> }) {
  const { ctx } = await requirePageCapability("operations:view", undefined, "/admin/outbox");
  const sp = await searchParams;
  const form = { state: one(sp.state), to: one(sp.to) };
  const parsed = OutboxQuery.safeParse({ ...form, cursor: one(sp.cursor), limit: "50" });
  const page = parsed.success ? await listOutbox(ctx, parsed.data) : null;
  const next = new URLSearchParams(Object.entries(form).filter((e): e is [string, string] => !!e[1]));
  if (page?.next_cursor) next.set("cursor", page.next_cursor);
  const now = ctx.clock.now().toISOString();
  const s = page?.summary;

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Outgoing mail</h1>
      {s && (
        <div className="space-y-2">
          {s.smtp_configured ? (
            <p className="text-slate-700">Rollcall sends mail through the college&apos;s relay (SMTP_URL). Mail the relay refused for now is tried again for two days.</p>
          ) : (
            <Notice kind="info" testId="outbox-no-relay">
              No mail relay is set (SMTP_URL), so mail waits here and nobody receives it. Messages that hold a sign-in link or code cannot be read here:
              set SMTP_URL (see the deployment guide) and they are sent.
            </Notice>
          )}
          <p className="text-sm text-slate-700" data-testid="outbox-summary">
            {s.pending} waiting{s.oldest_pending_age_seconds !== null && ` (oldest ${waitedFor(s.oldest_pending_age_seconds)})`} · {s.sending} sending ·{" "}
            {s.failed_last_24h} failed in the last 24 h
          </p>
        </div>
      )}
      <form method="get" action="/admin/outbox" className="grid gap-3 rounded-xl border border-slate-200 bg-white p-4 sm:grid-cols-3" aria-label="Filter the outbox">
        <Field label="State">
          <select name="state" defaultValue={form.state ?? ""} className={inputClass}>
            <option value="">Any</option>
            {OUTBOX_STATES.map((state) => (
              <option key={state} value={state}>{STATE_LABELS[state]}</option>
            ))}
          </select>
        </Field>
        <Field label="To (address)">
          <input name="to" type="email" defaultValue={form.to} className={inputClass} />
        </Field>
        <div className="flex items-end gap-2">
          <button type="submit" className={buttonClass}>Filter</button>
          <Link href="/admin/outbox" className="px-2 py-2 text-sm text-slate-600 hover:underline">Reset</Link>
        </div>
      </form>
      {!parsed.success && (
        <Notice kind="error" testId="outbox-filter-error">
          Check the filter: {parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}
        </Notice>
      )}
      {page && (
        <section aria-label="Messages, newest first" className="rounded-xl border border-slate-200 bg-white">
          <OutboxList messages={page.messages} now={now} />
        </section>
      )}
      {page?.next_cursor && (
        <Link href={`/admin/outbox?${next.toString()}`} className="inline-block text-sm font-medium text-brand-700 hover:underline">
          Older messages →
        </Link>
      )}
    </div>
  );
}
