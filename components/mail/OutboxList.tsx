// The admin outbox's messages as cards (they stack on a phone): state in words, attempts, the
// relay's last refusal, and the plain-text body only for messages that hold no secret.
import { Time } from "@/components/ui/Time";
import type { OutboxMessageOut } from "@/lib/mail/schemas";

const STATE_WORDS: Record<OutboxMessageOut["state"], { label: string; style: string }> = {
  pending: { label: "Waiting", style: "bg-amber-100 text-amber-900 ring-amber-600/30" },
  sending: { label: "Sending", style: "bg-brand-50 text-brand-900 ring-brand-600/30" },
  sent: { label: "Sent", style: "bg-green-100 text-green-800 ring-green-600/30" },
  failed: { label: "Failed", style: "bg-red-100 text-red-800 ring-red-600/30" },
};

export function OutboxList({ messages, now }: { messages: OutboxMessageOut[]; now: string }) {
  if (messages.length === 0) return <p className="px-4 py-6 text-center text-slate-600">No messages match.</p>;
  return (
    <ul data-testid="outbox-messages" className="divide-y divide-slate-100">
      {messages.map((m) => (
        <li key={m.id} className="space-y-1 px-4 py-3" data-testid="outbox-message" data-state={m.state}>
          <div className="flex flex-wrap items-center gap-2">
            <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset ${STATE_WORDS[m.state].style}`}>{STATE_WORDS[m.state].label}</span>
            <span className="min-w-0 font-medium [overflow-wrap:anywhere]">{m.subject}</span>
          </div>
          <p className="text-sm text-slate-700 [overflow-wrap:anywhere]">
            To {m.to} · written <Time value={m.created_at} now={now} />
            {m.sent_at && (
              <>
                {" "}· sent <Time value={m.sent_at} now={now} />
              </>
            )}
            {m.state === "pending" && m.next_attempt_at && m.attempts > 0 && (
              <>
                {" "}· next try <Time value={m.next_attempt_at} now={now} />
              </>
            )}{" "}
            · {m.attempts} {m.attempts === 1 ? "attempt" : "attempts"}
          </p>
          {m.last_error && <p className="text-sm text-red-800 [overflow-wrap:anywhere]">Relay said: {m.last_error}</p>}
          {m.contains_secret ? (
            <p className="text-xs text-slate-600">Holds a sign-in link or code: its text is never shown, so only the addressee can use it.</p>
          ) : m.text !== null ? (
            <details className="text-sm">
              <summary className="cursor-pointer text-brand-700">Show the text</summary>
              <pre className="mt-2 whitespace-pre-wrap rounded-md bg-slate-50 p-3 text-xs [overflow-wrap:anywhere]">{m.text}</pre>
            </details>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
