// The invitation to sign up, mailed to a rostered student who has no account yet (account mail:
// it goes to an address with no account, so there are no preferences to honour).
import type { Config } from "../../config";
import { composeMail, PRODUCT_NAME } from "../compose";
import type { OutgoingMail } from "../enqueue-mail";

/** The signup page with the address filled in. */
export function signupLinkFor(appUrl: string, email: string): string {
  return `${appUrl}/signup?email=${encodeURIComponent(email)}`;
}

export function courseInvitationMail(
  config: Pick<Config, "APP_URL">,
  to: { email: string; fullName: string },
  course: { code: string; title: string; termLabel: string },
  lecturer: { fullName: string },
): OutgoingMail {
  const courseName = `${course.code} ${course.title}${course.termLabel ? ` (${course.termLabel})` : ""}`;
  return {
    to: to.email,
    userId: null,
    subject: `${PRODUCT_NAME}: ${lecturer.fullName} invites you to sign up for ${course.code}`,
    ...composeMail({
      heading: `Sign up for ${course.code} attendance`,
      paragraphs: [
        `Hello ${to.fullName},`,
        `${lecturer.fullName} takes attendance in ${courseName} with ${PRODUCT_NAME}: in class you scan the code on the screen with your phone.`,
        "You are on the course's roster, so the account you create with this address is ready for class as soon as you confirm it. It takes a minute.",
      ],
      action: { label: "Create your account", url: signupLinkFor(config.APP_URL, to.email) },
      reason: `${lecturer.fullName} put this address on the roster of ${course.code} in ${PRODUCT_NAME}.`,
      footer: "Not you, or not your course? Ignore this mail: nothing happens unless you sign up.",
    }),
    category: "account",
    containsSecret: false,
  };
}
