// Latency bookkeeping for the benchmark: exact percentiles over every recorded sample.
export interface ScenarioResult {
  name: string;
  endpoint: string;
  count: number;
  errors: number;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  rps: number;
  statuses: Record<string, number>;
}

export class Recorder {
  private samples: number[] = [];
  private statuses = new Map<string, number>();
  private errorCount = 0;
  private first = Infinity;
  private last = 0;

  constructor(
    readonly name: string,
    readonly endpoint: string,
    /** statuses that are the intended outcome (e.g. 401 and 429 for a login storm's bad passwords) */
    private readonly expected: (status: number) => boolean = (s) => s >= 200 && s < 300,
  ) {}

  /** `body` (the JSON reply) lets the status table say which error code came back. */
  record(startedMs: number, endedMs: number, status: number | "network_error", body?: unknown): void {
    this.samples.push(endedMs - startedMs);
    this.first = Math.min(this.first, startedMs);
    this.last = Math.max(this.last, endedMs);
    const code = (body as { error?: { code?: unknown } } | null)?.error?.code;
    const key = typeof code === "string" ? `${status} ${code}` : String(status);
    this.statuses.set(key, (this.statuses.get(key) ?? 0) + 1);
    if (status === "network_error" || !this.expected(status)) this.errorCount++;
  }

  result(): ScenarioResult {
    const sorted = [...this.samples].sort((a, b) => a - b);
    const pct = (p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : 0);
    const round = (n: number) => Math.round(n * 10) / 10;
    const seconds = (this.last - this.first) / 1000;
    return {
      name: this.name,
      endpoint: this.endpoint,
      count: sorted.length,
      errors: this.errorCount,
      p50_ms: round(pct(50)),
      p95_ms: round(pct(95)),
      p99_ms: round(pct(99)),
      rps: round(seconds > 0 ? sorted.length / seconds : sorted.length),
      statuses: Object.fromEntries(this.statuses),
    };
  }
}

export function table(results: ScenarioResult[]): string {
  const head = ["scenario", "endpoint", "count", "errors", "p50 ms", "p95 ms", "p99 ms", "req/s", "statuses"];
  const rows = results.map((r) => [r.name, r.endpoint, r.count, r.errors, r.p50_ms, r.p95_ms, r.p99_ms, r.rps, JSON.stringify(r.statuses)].map(String));
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ");
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}
