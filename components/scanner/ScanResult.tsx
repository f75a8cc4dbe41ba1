import type { Outcome } from "./messages";

const TONE = {
  success: "border-emerald-300 bg-emerald-50 text-emerald-900",
  info: "border-sky-300 bg-sky-50 text-sky-900",
  error: "border-rose-300 bg-rose-50 text-rose-900",
} as const;

/** The big result card after a scan. */
export function ScanResult({ outcome, code, children }: { outcome: Outcome; code: string; children?: React.ReactNode }) {
  return (
    <section data-testid="scan-result" data-outcome={code} aria-live="polite" className={`rounded-2xl border-2 p-6 text-center ${TONE[outcome.tone]}`}>
      <div aria-hidden="true" className="text-5xl">{outcome.tone === "success" ? "✓" : outcome.tone === "info" ? "ℹ" : "!"}</div>
      <h2 className="mt-2 text-2xl font-bold">{outcome.title}</h2>
      <p className="mt-2 text-base">{outcome.body}</p>
      {children && <div className="mt-4 flex flex-col gap-2">{children}</div>}
    </section>
  );
}
