// The daily digest to a course's instructors: students newly below the course's minimum
// (notice mail: low_attendance_digest).
import type { Config } from "../../config";
import { composeMail, PRODUCT_NAME } from "../compose";
import type { OutgoingMail } from "../enqueue-mail";

export interface BelowThreshold {
  fullName: string;
  email: string;
  /** 0..1 when the warning was given */
  rate: number;
}

export function lowAttendanceDigestMail(
  config: Pick<Config, "APP_URL">,
  to: { id: string; email: string },
  course: { id: string; code: string; title: string; thresholdPercent: number },
  students: BelowThreshold[],
): OutgoingMail {
  const headline = students.length === 1 ? `1 student fell below ${course.thresholdPercent} % in ${course.code}` : `${students.length} students fell below ${course.thresholdPercent} % in ${course.code}`;
  return {
    to: to.email,
    userId: to.id,
    subject: `${PRODUCT_NAME}: ${headline}`,
    ...composeMail({
      heading: headline,
      paragraphs: [
        `Since the last digest, these students of ${course.code} ${course.title} dropped below the course's minimum attendance of ${course.thresholdPercent} %. Each was warned in Rollcall.`,
        ...students.map((s) => `${s.fullName} (${s.email}): ${Math.round(s.rate * 100)} %`),
      ],
      action: { label: "Open the course report", url: `${config.APP_URL}/admin/courses/${course.id}/report` },
      reason: `You teach ${course.code} on Rollcall. This digest comes at most once a day, only when someone new fell below the minimum.`,
    }),
    category: "notice",
    preference: "low_attendance_digest",
    containsSecret: false,
  };
}
