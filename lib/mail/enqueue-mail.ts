// The only way a use case sends mail: a row in outbox_messages written with the caller's
// transaction client, so a rolled-back action sends nothing and a committed one is never lost
// (docs/design.md#outgoing-mail). The sender (lib/mail/sender.ts) delivers it later. Never call
// the mailer from a use case.
import type { Ctx } from "../context";
import { normalizeEmail } from "../accounts/normalize-email";
import type { DbOrTx } from "../db";
import { escapeHtml, HTML_FOOTER_END } from "./compose";
import { PREFERENCE_WORDS, type MailPreference } from "./preferences";
import { signUnsubscribeToken, unsubscribeOneClickUrl, unsubscribePageUrl } from "./unsubscribe-token";

export type { MailPreference } from "./preferences";

export interface OutgoingMail {
  /** one address */
  to: string;
  /** the recipient's account, when there is one */
  userId?: string | null;
  subject: string;
  /** plain-text part (from composeMail) */
  text: string;
  /** HTML part (from composeMail) */
  html: string;
  /** account mail (verification, reset, invitation…) always goes; notice mail honours preferences and carries List-Unsubscribe */
  category: "account" | "notice";
  /** for notice mail: which user preference governs it */
  preference?: MailPreference;
  /** the body holds a token/link that signs someone in or proves an address: never shown in the admin outbox, never logged */
  containsSecret: boolean;
}

/** next_attempt_at of a mail not yet tried: before any clock's now. */
export const DUE_AT_ONCE = new Date(0);

/** Where Message-IDs say they come from: APP_URL's host name. */
function messageIdDomain(appUrl: string): string {
  try {
    return new URL(appUrl).hostname || "rollcall.invalid";
  } catch {
    return "rollcall.invalid";
  }
}

/** The row's id: time-ordered enough to read, random enough never to collide between instances. */
function outboxId(ctx: Pick<Ctx, "clock" | "random">): string {
  return `${ctx.clock.now().getTime().toString(36)}${ctx.random.bytes(10).toString("hex")}`;
}

/**
 * Write one outgoing mail into the caller's transaction. A notice mail to a user who switched
 * that preference off is not written at all; one that is written gets List-Unsubscribe headers
 * and an unsubscribe line in both parts.
 */
export async function enqueueMail(tx: DbOrTx, ctx: Pick<Ctx, "clock" | "random" | "config">, message: OutgoingMail): Promise<void> {
  const to = normalizeEmail(message.to); // as accounts and rosters store addresses (docs/design.md#accounts)
  if (!to || /[\r\n]/.test(to) || /[\r\n]/.test(message.subject)) throw new Error("enqueueMail: a mail needs one address and a one-line subject");
  if (message.category === "notice" && (!message.preference || !message.userId)) {
    throw new Error("enqueueMail: notice mail names its recipient's account and the preference that governs it");
  }
  let { text, html } = message;
  const headers: Record<string, string> = {};
  if (message.category === "notice" && message.userId && message.preference) {
    const optedOut = await tx.mailOptOut.findUnique({ where: { userId_preference: { userId: message.userId, preference: message.preference } }, select: { userId: true } });
    if (optedOut) return;
    const token = signUnsubscribeToken(message.userId, message.preference, ctx.config.SECRET_KEY);
    const page = unsubscribePageUrl(ctx.config.APP_URL, token);
    // RFC 8058: the one-click target takes a POST with no cookies; the page is for people
    headers["List-Unsubscribe"] = `<${unsubscribeOneClickUrl(ctx.config.APP_URL, token)}>`;
    headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click";
    const line = `You get this because "${PREFERENCE_WORDS[message.preference].label}" is on in your mail settings. Stop these mails: ${page}`;
    text = `${text}\n${line}`;
    const htmlLine = `<p style="margin:0 0 6px;font-size:13px;color:#4b5563">You get this because “${escapeHtml(PREFERENCE_WORDS[message.preference].label)}” is on in your mail settings. <a href="${escapeHtml(page)}">Stop these mails</a>.</p>`;
    html = html.includes(HTML_FOOTER_END) ? html.replace(HTML_FOOTER_END, htmlLine + HTML_FOOTER_END) : html + htmlLine;
  }
  const now = ctx.clock.now();
  const id = outboxId(ctx);
  await tx.outboxMessage.create({
    data: {
      id,
      messageId: `<${id}@${messageIdDomain(ctx.config.APP_URL)}>`,
      recipient: to,
      userId: message.userId ?? null,
      subject: message.subject,
      text,
      html,
      headers: JSON.stringify(headers),
      category: message.category,
      preference: message.preference ?? null,
      containsSecret: message.containsSecret,
      state: "pending",
      // due at once, whatever this request's clock says (a test may pin it days ahead): the sender
      // compares next_attempt_at with its own clock, and a new mail must never wait for that day
      nextAttemptAt: DUE_AT_ONCE,
      createdAt: now,
      updatedAt: now,
    },
  });
}
