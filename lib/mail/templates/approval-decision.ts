// The mail a student gets when their signup is decided (account mail: always sent).
import type { Config } from "../../config";
import { composeMail, PRODUCT_NAME } from "../compose";
import type { OutgoingMail } from "../enqueue-mail";

export function approvalDecisionMail(
  config: Pick<Config, "APP_URL">,
  to: { id: string; email: string; fullName: string },
  decision: { approved: boolean; role: "student" | "instructor" | "admin" | null; reason: string | null; courseCode?: string },
): OutgoingMail {
  const reason = `You signed up for ${PRODUCT_NAME} at ${config.APP_URL} with this address.`;
  const content = decision.approved
    ? composeMail({
        heading: "Your account is ready",
        paragraphs: [
          `Hello ${to.fullName},`,
          decision.courseCode
            ? `You are on the roster of ${decision.courseCode}, so your account was approved as a student. You can sign in now.`
            : `Your signup was approved: you can sign in now as ${decision.role === "admin" ? "an admin" : decision.role === "instructor" ? "an instructor" : "a student"}.`,
        ],
        action: { label: "Sign in", url: `${config.APP_URL}/login` },
        reason,
      })
    : composeMail({
        heading: "Your signup was not approved",
        paragraphs: [
          `Hello ${to.fullName},`,
          "An administrator looked at your signup and did not approve it.",
          ...(decision.reason ? [`The reason given: ${decision.reason}`] : []),
          "If you think this is a mistake, ask your lecturer or the college's Rollcall administrator.",
        ],
        reason,
      });
  return {
    to: to.email,
    userId: to.id,
    subject: decision.approved ? `${PRODUCT_NAME}: your account is ready` : `${PRODUCT_NAME}: your signup was not approved`,
    ...content,
    category: "account",
    containsSecret: false,
  };
}
