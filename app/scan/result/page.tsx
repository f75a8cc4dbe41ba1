// Where the camera-app link (/s/<payload>) and the scan receipt land: the result in plain words.
import type { Metadata } from "next";
import Link from "next/link";
import { errorOutcome, successOutcome } from "@/components/scanner/messages";
import { ScanResult } from "@/components/scanner/ScanResult";
import { getCurrentUser } from "@/lib/auth/current-user";
import { findOwnMark } from "@/lib/attendance/find-own-mark";
import { getConfig } from "@/lib/config";

export const metadata: Metadata = { title: "Scan result" };

export default async function ScanResultPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const q = await searchParams;
  const str = (v: string | string[] | undefined) => (typeof v === "string" ? v.slice(0, 64) : "");
  const user = await getCurrentUser();
  const outcome = str(q.outcome);
  const eventId = str(q.event);
  let view = errorOutcome(str(q.error) || "unknown");
  let code = str(q.error) || "unknown";
  if ((outcome === "marked" || outcome === "already_marked") && user) {
    const mark = await findOwnMark(user.id, eventId);
    if (mark) {
      view = successOutcome(mark.status, mark.title, mark.markedAt.toISOString(), outcome === "already_marked", getConfig().COLLEGE_TIMEZONE);
      code = outcome;
    }
  }
  return (
    <div className="mx-auto max-w-md space-y-4">
      <ScanResult outcome={view} code={code}>
        {view.next !== "none" && <Link href="/scan" className="rounded-xl bg-brand-700 px-5 py-3 font-semibold text-white">Open the scanner</Link>}
        <Link href="/home" className="font-medium underline">My attendance</Link>
      </ScanResult>
    </div>
  );
}
