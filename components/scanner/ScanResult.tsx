import type { Outcome } from "./messages";

const TONE = {
  success: "border-emerald-300 bg-emerald-50 text-emerald-900",
  info: "border-sky-300 bg-sky-50 text-sky-900",
  error: "border-rose-300 bg-rose-50 text-rose-900",
} as const;

/** The big result card after a scan; `large` when it is the last word (the camera has stopped). */
export function ScanResult({ outcome, code, large = false, children }: { outcome: Outcome; code: string; large?: boolean; children?: React.ReactNode }) {
  return (
    <section data-testid="scan-result" data-outcome={code} aria-live="polite" className={`rounded-2xl border-2 text-center ${large ? "flex min-h-[55dvh] flex-col justify-center px-6 py-10" : "p-6"} ${TONE[outcome.tone]}`}>
      <div aria-hidden="true" className={large ? "text-8xl" : "text-5xl"}>{outcome.tone === "success" ? "✓" : outcome.tone === "info" ? "ℹ" : "!"}</div>
      <h2 className={`mt-2 font-bold ${large ? "text-4xl" : "text-2xl"}`}>{outcome.title}</h2>
      <p className={`mt-3 ${large ? "text-lg" : "text-base"}`}>{outcome.body}</p>
      {children && <div className="mt-4 flex flex-col gap-2">{children}</div>}
    </section>
  );
}
