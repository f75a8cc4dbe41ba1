"use client";
// On the login page after a phone's camera app opened a code while logged out: the scan is
// saved (a receipt, lib/attendance/scan-receipt.ts), so say so, with the time left to sign in.
// The phone's clock may be wrong: the time left is counted from the server's clock.
import { useEffect, useState } from "react";
import { useHydrated } from "@/components/ui/use-hydrated";
import { formatTime, viewerTimeZone } from "@/lib/time/format";

export interface SavedScanNoteProps {
  scannedAt: string;
  expiresAt: string;
  /** the server's clock when the page was rendered */
  serverNow: string;
  eventTitle: string;
}

export function SavedScanNote({ scannedAt, expiresAt, serverNow, eventTitle }: SavedScanNoteProps) {
  const hydrated = useHydrated();
  const [offset] = useState(() => Date.parse(serverNow) - Date.now());
  const [now, setNow] = useState(() => Date.parse(serverNow));
  useEffect(() => {
    const tick = () => setNow(Date.now() + offset);
    tick();
    const timer = window.setInterval(tick, 1000);
    return () => window.clearInterval(timer);
  }, [offset]);

  const total = Date.parse(expiresAt) - Date.parse(scannedAt);
  const minutes = Math.max(1, Math.round(total / 60_000));
  const left = Math.max(0, Math.ceil((Date.parse(expiresAt) - now) / 1000));
  const at = hydrated ? ` at ${formatTime(scannedAt, { timeZone: viewerTimeZone() ?? "UTC", style: "time" })}` : "";
  const clock = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, "0")}`;

  if (left === 0) {
    return (
      <div data-testid="saved-scan" data-expired="true" role="status" className="rounded-xl border-2 border-amber-300 bg-amber-50 p-4 text-amber-950">
        <p className="font-semibold">Your saved scan{at} has run out.</p>
        <p className="mt-1 text-sm">Sign in, then scan the code on the screen again.</p>
      </div>
    );
  }
  return (
    <div data-testid="saved-scan" className="rounded-xl border-2 border-emerald-300 bg-emerald-50 p-4 text-emerald-950">
      <p className="font-semibold">
        Your scan{at} is saved — sign in within {minutes} minute{minutes === 1 ? "" : "s"} to finish.
      </p>
      <p className="mt-1 text-sm">
        {eventTitle} · <span data-testid="saved-scan-left" className="font-mono font-bold tabular-nums">{clock}</span> left
      </p>
    </div>
  );
}
