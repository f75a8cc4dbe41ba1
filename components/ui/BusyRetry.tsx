"use client";
// Shown instead of a page part the server refused to build because it is busy with other
// reports and exports (503 busy, docs/performance.md#marks-first): says so and asks again on
// its own after the server's Retry-After, a little later each time so a busy server is not pressed.
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";

export function BusyRetry({ retryAfterSeconds, what }: { retryAfterSeconds: number; what: string }) {
  const router = useRouter();
  const [tries, setTries] = useState(0);
  useEffect(() => {
    const wait = retryAfterSeconds * 1000 * Math.min(8, 2 ** tries) * (0.75 + Math.random() / 2);
    const timer = setTimeout(() => {
      setTries((t) => t + 1);
      router.refresh();
    }, wait);
    return () => clearTimeout(timer);
  }, [router, retryAfterSeconds, tries]);
  return (
    <div role="status" aria-live="polite" data-testid="busy-retry" className="rounded border border-amber-300 bg-amber-50 p-4 text-amber-900">
      <p className="font-semibold">Busy, retrying…</p>
      <p className="text-sm">
        Rollcall is busy with other reports and exports right now (check-ins come first). The {what} will load by itself{tries > 0 ? ` (tried ${tries + 1} times so far)` : ""}.
      </p>
    </div>
  );
}
