// The mail a student gets when an organiser removes one of their attendance marks
// (notice mail: mark_removed).
import type { Config } from "../../config";
import { formatTime } from "../../time/format";
import { composeMail, PRODUCT_NAME } from "../compose";
import type { OutgoingMail } from "../enqueue-mail";

export function markRemovedMail(
  config: Pick<Config, "APP_URL" | "COLLEGE_TIMEZONE">,
  to: { id: string; email: string; fullName: string },
  removal: { eventTitle: string; startsAt: Date; status: string; reason: string; courseCode: string | null },
): OutgoingMail {
  const when = formatTime(removal.startsAt, { timeZone: config.COLLEGE_TIMEZONE });
  const what = removal.courseCode ? `${removal.courseCode} · ${removal.eventTitle}` : removal.eventTitle;
  return {
    to: to.email,
    userId: to.id,
    subject: `${PRODUCT_NAME}: your attendance mark for ${what} was removed`,
    ...composeMail({
      heading: "An attendance mark was removed",
      paragraphs: [
        `Hello ${to.fullName},`,
        `Your “${removal.status}” mark for ${what} (${when}) was removed by an organiser.`,
        `The reason given: ${removal.reason}`,
        "If you were there, talk to your instructor: they can mark you again.",
      ],
      action: { label: "See your attendance", url: `${config.APP_URL}/home` },
      reason: "You have a student account on Rollcall and this mark was yours.",
    }),
    category: "notice",
    preference: "mark_removed",
    containsSecret: false,
  };
}
