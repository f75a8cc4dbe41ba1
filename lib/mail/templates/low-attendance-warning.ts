// The student's low-attendance warning and its withdrawal, by mail (notice mail:
// low_attendance_warning). The same words as the in-app notice (lib/courses/low-attendance.ts
// decides when; docs/courses.md#low-attendance-warning).
import type { Config } from "../../config";
import { composeMail, PRODUCT_NAME } from "../compose";
import type { OutgoingMail } from "../enqueue-mail";

export interface StandingNote {
  kind: "warn" | "withdraw";
  /** 0..1, the rate when it was decided */
  rate: number;
}

export function lowAttendanceWarningMail(
  config: Pick<Config, "APP_URL">,
  to: { id: string; email: string; fullName: string },
  course: { code: string; title: string; thresholdPercent: number },
  note: StandingNote,
): OutgoingMail {
  const p = Math.round(note.rate * 100);
  const warn = note.kind === "warn";
  const subject = warn ? `Your attendance in ${course.code} is ${p} %` : `Your attendance in ${course.code} is back ${p > course.thresholdPercent ? "above" : "at"} ${course.thresholdPercent} %`;
  return {
    to: to.email,
    userId: to.id,
    subject: `${PRODUCT_NAME}: ${subject}`,
    ...composeMail({
      heading: subject,
      paragraphs: warn
        ? [
            `Hello ${to.fullName},`,
            `Your attendance in ${course.code} ${course.title} is ${p} %, below the ${course.thresholdPercent} % the course requires.`,
            "If something keeps you from coming — illness, work, travel — talk to your instructor: an excused session counts as attended.",
          ]
        : [`Hello ${to.fullName},`, `Your attendance in ${course.code} ${course.title} is ${p} % now, so the earlier low-attendance warning is withdrawn.`],
      action: { label: "See your attendance", url: `${config.APP_URL}/home` },
      reason: `You are enrolled in ${course.code} on Rollcall.`,
    }),
    category: "notice",
    preference: "low_attendance_warning",
    containsSecret: false,
  };
}
