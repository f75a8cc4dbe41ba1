// One audit entry as an expandable row: the summary line (when, what, who, on what) and, opened,
// every detail as a labelled field — times in words, nested values one per line, never a JSON blob.
import { Time } from "@/components/ui/Time";
import { auditActionWords } from "@/lib/audit/action-words";
import type { AuditEntryOut } from "@/lib/audit/schemas";

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

const LABELS: Record<string, string> = { ip_address: "IP address", user_agent: "Browser", device_id: "Device id", qr_session_id: "Code id", user_id: "User id" };
const label = (key: string) => LABELS[key] ?? key.replaceAll("_", " ").replace(/^./, (c) => c.toUpperCase());

function Value({ value }: { value: unknown }) {
  if (value === null || value === undefined || value === "") return <span className="text-slate-600">—</span>;
  if (typeof value === "boolean") return <>{value ? "yes" : "no"}</>;
  if (typeof value === "string" && ISO.test(value)) return <Time value={value} style="datetime-seconds" />;
  if (typeof value === "string" || typeof value === "number") return <span className="break-words">{String(value)}</span>;
  if (Array.isArray(value)) {
    return value.length === 0 ? <span className="text-slate-600">none</span> : (
      <ul className="space-y-0.5">{value.map((v, i) => <li key={i}><Value value={v} /></li>)}</ul>
    );
  }
  return <Fields fields={value as Record<string, unknown>} nested />;
}

function Fields({ fields, nested = false }: { fields: Record<string, unknown>; nested?: boolean }) {
  const entries = Object.entries(fields);
  if (entries.length === 0) return <span className="text-slate-600">none</span>;
  return (
    <dl className={`grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-[minmax(8rem,max-content)_1fr] ${nested ? "border-l-2 border-slate-200 pl-3" : ""}`}>
      {entries.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="font-medium text-slate-600">{label(k)}</dt>
          <dd className="min-w-0 text-slate-900 max-sm:mb-1">
            <Value value={v} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

export function AuditEntry({ entry: e }: { entry: AuditEntryOut }) {
  const actor = e.actor ? `${e.actor.full_name} (${e.actor.email})` : (e.actor_id ?? "system");
  return (
    <li data-testid="audit-row" data-action={e.action} className="border-t border-slate-100 first:border-0">
      <details className="group">
        <summary className="grid cursor-pointer list-none grid-cols-1 gap-x-4 gap-y-0.5 px-4 py-3 text-sm hover:bg-slate-50 sm:grid-cols-[15rem_12rem_1fr] [&::-webkit-details-marker]:hidden">
          <span className="text-slate-700"><Time value={e.created_at} style="datetime-seconds" /></span>
          <span className="leading-5 font-medium text-slate-900" data-testid="audit-action" title={e.action}>{auditActionWords(e.action)}</span>
          <span className="flex min-w-0 justify-between gap-2">
            <span className="truncate">{actor}</span>
            <span aria-hidden="true" className="shrink-0 text-slate-600 group-open:rotate-180">▾</span>
          </span>
        </summary>
        <div className="space-y-3 bg-slate-50 px-4 py-3 text-sm" data-testid="audit-details">
          <Fields
            fields={{
              target: e.target.type ? `${e.target.type} ${e.target.id ?? ""}`.trim() : null,
              ...e.details,
              ip_address: e.ip_address,
              device_id: e.device_id,
              user_agent: e.user_agent,
            }}
          />
        </div>
      </details>
    </li>
  );
}
