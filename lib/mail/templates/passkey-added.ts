// The mail a staff member gets when a passkey is added to their account (account mail: always
// sent). A stolen session that manages to add one must not do it unseen.
import type { Config } from "../../config";
import { formatTime } from "../../time/format";
import { composeMail, PRODUCT_NAME } from "../compose";
import type { OutgoingMail } from "../enqueue-mail";

export function passkeyAddedMail(
  config: Pick<Config, "APP_URL" | "COLLEGE_TIMEZONE">,
  to: { id: string; email: string; fullName: string },
  added: { name: string; at: Date; ip: string },
): OutgoingMail {
  const when = formatTime(added.at, { timeZone: config.COLLEGE_TIMEZONE });
  return {
    to: to.email,
    userId: to.id,
    subject: `${PRODUCT_NAME}: a passkey was added to your account`,
    ...composeMail({
      heading: "A passkey was added to your account",
      paragraphs: [
        `Hello ${to.fullName},`,
        `A passkey named “${added.name}” was added to your staff account at ${when}, from the network address ${added.ip}.`,
        "If this was you, there is nothing to do. If it was not, delete it on your Security page, change your password and tell an administrator.",
      ],
      action: { label: "Open your Security page", url: `${config.APP_URL}/security` },
      reason: "You have a staff account on Rollcall, and passkeys added to staff accounts are always reported.",
    }),
    category: "account",
    containsSecret: false,
  };
}
