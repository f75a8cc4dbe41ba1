import type { Metadata } from "next";
import Link from "next/link";
import { checkinWords, describeActivity } from "@/components/admin/activity-words";
import { Time } from "@/components/ui/Time";
import { requireStaffArea } from "@/lib/auth/current-user";
import { allows } from "@/lib/auth/policy";
import { getLecturerStart, type StartClass } from "@/lib/dashboard/get-lecturer-start";

export const metadata: Metadata = { title: "Home" };

function ClassCard({ c, now }: { c: StartClass; now: string }) {
  const open = c.checkin_state === "open";
  return (
    <li data-testid="start-class" className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-4 sm:flex-row sm:items-center sm:justify-between">
      <div className="min-w-0">
        <p className="font-semibold">
          <Link href={`/admin/events/${c.id}`} className="text-brand-700 underline-offset-2 hover:underline">{c.title}</Link>
        </p>
        <p className="text-sm text-slate-600">
          <Time value={c.starts_at} end={c.ends_at} now={now} />
          {c.location && ` · ${c.location}`}
          {c.course && ` · ${c.course.title}`}
        </p>
        <p className="mt-1 text-sm text-slate-600">
          Check-in{" "}
          <span className={`rounded px-1.5 py-0.5 text-xs font-semibold ${open ? "bg-green-100 text-green-800" : "bg-slate-100 text-slate-700"}`}>{checkinWords(c.checkin_state)}</span>
          {c.attendance_count > 0 && ` · ${c.attendance_count} marked`}
        </p>
      </div>
      {c.checkin_state !== "ended" && c.checkin_state !== "archived" && (
        <Link
          href={`/admin/events/${c.id}/present`}
          data-testid="project-class"
          aria-label={`Project the code for ${c.title}`}
          className="shrink-0 rounded-lg bg-brand-700 px-5 py-2.5 text-center font-semibold text-white hover:bg-brand-900"
        >
          Project
        </Link>
      )}
    </li>
  );
}

export default async function LecturerHomePage() {
  const { ctx, user } = await requireStaffArea("/admin");
  const start = await getLecturerStart(ctx, user);
  const site = { kind: "site" } as const;
  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <div>
          <h1 className="text-2xl font-bold">Hello {user.fullName.split(" ")[0]}</h1>
          <p className="text-slate-600"><Time value={start.now} style="date" /></p>
        </div>
        <nav aria-label="More" className="flex flex-wrap gap-3 text-sm font-medium">
          {allows(user, "event:create", site) && <Link href="/admin/events" className="text-brand-700 underline-offset-2 hover:underline">New event</Link>}
          {allows(user, "operations:view", site) && <Link href="/admin/dashboard" data-testid="open-dashboard" className="text-brand-700 underline-offset-2 hover:underline">Live dashboard</Link>}
        </nav>
      </div>

      <div className="grid gap-8 lg:grid-cols-3">
        <div className="space-y-8 lg:col-span-2">
          <section aria-labelledby="today-heading" className="space-y-3">
            <h2 id="today-heading" className="text-lg font-semibold">Today&apos;s classes</h2>
            {start.today.length === 0 ? (
              <p className="text-slate-600" data-testid="no-classes-today">No classes today.</p>
            ) : (
              <ul className="space-y-3" data-testid="today-classes">
                {start.today.map((c) => <ClassCard key={c.id} c={c} now={start.now} />)}
              </ul>
            )}
          </section>
          <section aria-labelledby="next-heading" className="space-y-3">
            <h2 id="next-heading" className="text-lg font-semibold">Next classes</h2>
            {start.next.length === 0 ? (
              <p className="text-slate-600">
                Nothing scheduled after today.
                {allows(user, "event:create", site) && <> <Link href="/admin/events" className="text-brand-700 underline">Create an event</Link> or add sessions to a course.</>}
              </p>
            ) : (
              <ul className="space-y-3" data-testid="next-classes">
                {start.next.map((c) => <ClassCard key={c.id} c={c} now={start.now} />)}
              </ul>
            )}
          </section>
        </div>

        <div className="space-y-8">
          {start.pending_approvals !== null && (
            <Link href="/admin/approvals" data-testid="start-approvals" className="block rounded-xl border border-slate-200 bg-white p-4 hover:border-brand-600">
              <span className="block text-sm text-slate-600">Signups waiting for approval</span>
              <span data-testid="pending-approvals" className={`block text-3xl font-bold ${start.pending_approvals > 0 ? "text-brand-700" : ""}`}>{start.pending_approvals}</span>
            </Link>
          )}
          {start.recent_activity !== null && (
          <section aria-labelledby="activity-heading" className="space-y-3">
            <div className="flex items-baseline justify-between gap-2">
              <h2 id="activity-heading" className="text-lg font-semibold">Recent activity</h2>
              <Link href="/admin/audit" className="text-sm font-medium text-brand-700 underline-offset-2 hover:underline">Audit log</Link>
            </div>
            {start.recent_activity.length === 0 ? (
              <p className="text-slate-600">Nothing yet.</p>
            ) : (
              <ul className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white text-sm" data-testid="recent-activity">
                {start.recent_activity.map((a) => (
                  <li key={a.id} className="px-4 py-2">
                    <p>{describeActivity(a.action, a.actor)}</p>
                    <p className="text-xs text-slate-600"><Time value={a.created_at} now={start.now} /></p>
                  </li>
                ))}
              </ul>
            )}
          </section>
          )}
        </div>
      </div>
    </div>
  );
}
