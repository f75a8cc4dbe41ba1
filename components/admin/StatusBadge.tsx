// A status pill that does not rely on colour alone: the word is always shown.
const STYLES = {
  green: "bg-green-100 text-green-800 ring-green-600/30",
  amber: "bg-amber-100 text-amber-900 ring-amber-600/30",
  red: "bg-red-100 text-red-800 ring-red-600/30",
  unknown: "bg-slate-100 text-slate-700 ring-slate-500/30",
} as const;
const WORDS = { green: "OK", amber: "Watch", red: "Critical", unknown: "No data" } as const;

export function StatusBadge({ status, testId }: { status: keyof typeof STYLES; testId?: string }) {
  return (
    <span data-testid={testId} data-status={status} className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset ${STYLES[status]}`}>
      {WORDS[status]}
    </span>
  );
}
