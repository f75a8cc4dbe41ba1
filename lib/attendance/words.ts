// Attendance in the words a lecturer reads (the live roster, the per-session export): statuses
// and how a mark was made. Plain data, safe for client components.
import type { RosterStatus } from "./session-status";

export const STATUS_WORDS: Record<RosterStatus, string> = { present: "Present", late: "Late", excused: "Excused", absent: "Absent", not_marked: "Not marked" };

/** How a mark was made, at a glance (a typed code is the easiest to pass on). */
export const METHOD_WORDS = { scan: "QR scan", short_code: "typed code", link: "opened link", manual: "manual" } as const;
