// Reading the mail a real Rollcall server sent, from any test process: the SMTP capture
// (tests/support/smtp-capture.ts) writes each message as a JSON file into one directory per
// server. Integration tests use the shared server's directory (the global setup provides it);
// Playwright specs use e2e/support/mail.ts, which points at the e2e server's.
import fs from "node:fs";
import path from "node:path";
import type { CapturedMail } from "./smtp-capture";

export type { CapturedMail } from "./smtp-capture";

export interface MailQuery {
  /** one recipient (case-insensitive) */
  to: string;
  /** a substring of the subject, or a pattern */
  subject?: string | RegExp;
  /** only messages that arrived at or after this time */
  since?: Date;
  /** default 20 s: the sender polls every second and retries after refusals */
  timeoutMs?: number;
}

function matches(mail: CapturedMail, q: MailQuery): boolean {
  if (!mail.to.includes(q.to.toLowerCase())) return false;
  if (q.since && new Date(mail.receivedAt) < q.since) return false;
  if (q.subject === undefined) return true;
  return typeof q.subject === "string" ? mail.subject.includes(q.subject) : q.subject.test(mail.subject);
}

export class Mailbox {
  constructor(readonly dir: string) {}

  /** Every message captured so far, oldest first. */
  all(): CapturedMail[] {
    if (!fs.existsSync(this.dir)) return [];
    return fs
      .readdirSync(this.dir)
      .filter((f) => f.endsWith(".json") && !f.startsWith("."))
      .sort()
      .map((f) => JSON.parse(fs.readFileSync(path.join(this.dir, f), "utf8")) as CapturedMail);
  }

  /** The messages that match now (no waiting). */
  find(q: MailQuery): CapturedMail[] {
    return this.all().filter((m) => matches(m, q));
  }

  /** The first message that matches, waiting for it to arrive. */
  async waitForMail(q: MailQuery): Promise<CapturedMail> {
    const deadline = Date.now() + (q.timeoutMs ?? 20_000);
    for (;;) {
      const found = this.find(q);
      if (found.length > 0) return found[0]!;
      if (Date.now() > deadline) {
        const seen = this.all().filter((m) => m.to.includes(q.to.toLowerCase())).map((m) => m.subject);
        throw new Error(`no mail to ${q.to}${q.subject ? ` with subject ${String(q.subject)}` : ""} (to that address: ${JSON.stringify(seen)})`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** Every http(s) link in the mail's text part, in order (the HTML part's links when the text has none). */
export function linksIn(mail: Pick<CapturedMail, "text" | "html">): string[] {
  const fromText = mail.text.match(/https?:\/\/[^\s<>"')]+/g) ?? [];
  if (fromText.length) return fromText;
  return [...mail.html.matchAll(/href="(https?:\/\/[^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, "&"));
}

/** The first link in the mail whose path starts with `pathPrefix` (or the first link at all). */
export function firstLink(mail: Pick<CapturedMail, "text" | "html">, pathPrefix?: string): string {
  const link = linksIn(mail).find((l) => !pathPrefix || new URL(l).pathname.startsWith(pathPrefix));
  if (!link) throw new Error(`no link${pathPrefix ? ` to ${pathPrefix}` : ""} in the mail:\n${mail.text}`);
  return link;
}

let shared: Mailbox | undefined;

/** The mailbox of the integration suite's shared server (vitest) or of ROLLCALL_MAILBOX_DIR. */
async function sharedMailbox(): Promise<Mailbox> {
  if (shared) return shared;
  const fromEnv = process.env.ROLLCALL_MAILBOX_DIR;
  if (fromEnv) return (shared = new Mailbox(fromEnv));
  const { inject } = await import("vitest"); // only inside vitest: Playwright sets ROLLCALL_MAILBOX_DIR
  return (shared = new Mailbox(inject("mailboxDir")));
}

/** Wait for a mail the shared test server sent: `await waitForMail({ to, subject })`. */
export async function waitForMail(q: MailQuery): Promise<CapturedMail> {
  return (await sharedMailbox()).waitForMail(q);
}

/** The mails the shared test server has sent to `to` so far (no waiting). */
export async function mailsTo(to: string, subject?: string | RegExp): Promise<CapturedMail[]> {
  return (await sharedMailbox()).find({ to, subject });
}
