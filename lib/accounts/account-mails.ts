// The account mails of verified signups and password recovery (docs/authentication.md): their
// words, in one place. Each is account mail (always sent, never subject to preferences) and is
// enqueued by the use case in its own transaction (lib/mail/enqueue-mail.ts). Pure.
import { formatTime } from "../time/format";
import { composeMail } from "../mail/compose";
import type { OutgoingMail } from "../mail/enqueue-mail";

interface Recipient {
  email: string;
  /** the account, when there is one */
  userId?: string | null;
}

type When = { at: Date; zone: string };
const when = ({ at, zone }: When) => formatTime(at, { timeZone: zone });

function accountMail(to: Recipient, subject: string, body: ReturnType<typeof composeMail>, containsSecret: boolean): OutgoingMail {
  return { to: to.email, userId: to.userId ?? null, subject, ...body, category: "account", containsSecret };
}

/** The verification link and code of one signup. */
export function verificationMail(input: { email: string; fullName: string; link: string; code: string; hours: number; requested: When }): OutgoingMail {
  return accountMail(
    input,
    `Confirm your email for Rollcall: code ${input.code}`,
    composeMail({
      heading: "Confirm your email address",
      paragraphs: [
        `Someone — we hope you — signed up for Rollcall as “${input.fullName}” with this address (${when(input.requested)}).`,
        "Open the link below to confirm it is yours and finish signing up. On another device, type this code instead:",
        input.code,
        "If it was not you, ignore this mail: without the link or the code nobody gets an account with your address.",
      ],
      action: { label: "Confirm my email", url: input.link },
      reason: "You get this because this address was used to sign up for Rollcall.",
      footer: `The link and the code work once, for ${input.hours} hours.`,
    }),
    true,
  );
}

/** A signup of an address that already has an account: no second account, a pointer instead. */
export function alreadyRegisteredMail(input: { email: string; userId: string; loginUrl: string; resetUrl: string; requested: When }): OutgoingMail {
  return accountMail(
    input,
    "You already have a Rollcall account",
    composeMail({
      heading: "You already have an account",
      paragraphs: [
        `Someone tried to sign up for Rollcall with this address (${when(input.requested)}), but it already has an account, so no new one was made.`,
        `If it was you: sign in at ${input.loginUrl}. Forgot your password? Reset it with the link below.`,
        "If it was not you, you need not do anything: your account and password are unchanged.",
      ],
      action: { label: "Reset my password", url: input.resetUrl },
      reason: "You get this because this address was used to sign up for Rollcall.",
    }),
    false,
  );
}

/** A password-reset link, asked for by the user or sent by an administrator. */
export function passwordResetMail(input: { email: string; userId: string; link: string; minutes: number; byAdmin: string | null; requested: When }): OutgoingMail {
  return accountMail(
    input,
    "Reset your Rollcall password",
    composeMail({
      heading: "Reset your password",
      paragraphs: [
        input.byAdmin
          ? `${input.byAdmin}, an administrator, sent you this link to choose a new password (${when(input.requested)}).`
          : `Someone — we hope you — asked to reset the password of your Rollcall account (${when(input.requested)}).`,
        "Open the link to choose a new password. Choosing one signs you out everywhere; your passkeys keep working.",
        "If you did not ask for this, ignore this mail: your password stays as it is.",
      ],
      action: { label: "Choose a new password", url: input.link },
      reason: "You get this because a password reset was asked for your Rollcall account.",
      footer: `The link works once, for ${input.minutes} minutes.`,
    }),
    true,
  );
}

/** After a reset or change: a notice, so an owner who did not do it finds out. */
export function passwordChangedMail(input: { email: string; userId: string; how: "reset" | "change"; resetUrl: string; at: When }): OutgoingMail {
  return accountMail(
    input,
    "Your Rollcall password was changed",
    composeMail({
      heading: "Your password was changed",
      paragraphs: [
        `The password of your Rollcall account was ${input.how === "reset" ? "reset with a mailed link" : "changed on the Security page"} (${when(input.at)}). ${input.how === "reset" ? "Every session was signed out." : "Your other sessions were signed out."}`,
        "If this was not you, reset your password now with the link below and tell your administrator.",
      ],
      action: { label: "Reset my password", url: input.resetUrl },
      reason: "You get this because the password of your Rollcall account changed.",
    }),
    false,
  );
}
