// The batched "students are waiting" digest to one decider (notice mail: signups_waiting).
import type { Config } from "../../config";
import { composeMail, PRODUCT_NAME } from "../compose";
import type { OutgoingMail } from "../enqueue-mail";

export interface WaitingSignup {
  fullName: string;
  email: string;
}

/** "Ada Lovelace is waiting for approval" or "3 students are waiting for approval" */
export function waitingHeadline(count: number, first: WaitingSignup | undefined): string {
  return count === 1 && first ? `${first.fullName} is waiting for approval` : `${count} students are waiting for approval`;
}

/** "Ada Lovelace (ada@college.edu), Alan Turing (alan@college.edu) and 1 more" */
export function waitingList(waiting: WaitingSignup[], count: number): string {
  const shown = waiting.map((w) => `${w.fullName} (${w.email})`);
  const more = count - shown.length;
  if (more > 0) return `${shown.join(", ")} and ${more} more`;
  return shown.length <= 1 ? shown.join("") : `${shown.slice(0, -1).join(", ")} and ${shown.at(-1)}`;
}

export function signupsWaitingMail(
  config: Pick<Config, "APP_URL" | "APPROVAL_TIMEOUT_MINUTES">,
  to: { id: string; email: string },
  waiting: WaitingSignup[],
  count: number,
): OutgoingMail {
  const headline = waitingHeadline(count, waiting[0]);
  return {
    to: to.email,
    userId: to.id,
    subject: `${PRODUCT_NAME}: ${headline}`,
    ...composeMail({
      heading: headline,
      paragraphs: [
        `Waiting: ${waitingList(waiting, count)}.`,
        `Each signup is approved or rejected by one decision; a request nobody decides expires ${config.APPROVAL_TIMEOUT_MINUTES} minutes after it was made.`,
      ],
      action: { label: "Open approvals", url: `${config.APP_URL}/admin/approvals` },
      reason: "You decide signups on Rollcall. This mail comes at most once a minute, however many students sign up.",
    }),
    category: "notice",
    preference: "signups_waiting",
    containsSecret: false,
  };
}
