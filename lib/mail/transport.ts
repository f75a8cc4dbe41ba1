// The one place that speaks SMTP: nodemailer over the relay in SMTP_URL, pooled, with timeouts
// short enough that a hung relay cannot hold a claimed message past the claim's staleness limit
// (lib/mail/claim-outbox.ts). Only the sender (lib/mail/sender.ts) uses it; use cases enqueue.
import nodemailer from "nodemailer";
import type { Config } from "../config";
import { parseSmtpUrl } from "./smtp-url";

export interface WireMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  messageId: string;
}

export interface MailTransport {
  send(message: WireMessage): Promise<void>;
  close(): void;
}

/** Concurrent SMTP connections per instance (and so messages in flight at once). */
export const SMTP_CONNECTIONS = 4;

export function createMailTransport(config: Pick<Config, "SMTP_URL" | "mailFrom">): MailTransport | null {
  if (!config.SMTP_URL) return null;
  const smtp = parseSmtpUrl(config.SMTP_URL);
  if ("problem" in smtp) throw new Error(`SMTP_URL ${smtp.problem}`); // lib/config.ts refused it already
  const transporter = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    requireTLS: smtp.requireTls,
    auth: smtp.auth ?? undefined,
    pool: true,
    maxConnections: SMTP_CONNECTIONS,
    connectionTimeout: 20_000,
    greetingTimeout: 20_000,
    socketTimeout: 60_000,
  });
  return {
    async send(m) {
      await transporter.sendMail({
        from: config.mailFrom,
        to: m.to,
        subject: m.subject,
        text: m.text,
        html: m.html,
        headers: m.headers,
        messageId: m.messageId,
        disableFileAccess: true,
        disableUrlAccess: true,
      });
    },
    close() {
      transporter.close();
    },
  };
}

/** Whether a failed send is worth retrying: 4xx replies and no answer at all are; a 5xx refusal of the message is not. */
export function isPermanentFailure(error: unknown): boolean {
  const e = error as { responseCode?: unknown; code?: unknown };
  const status = typeof e?.responseCode === "number" ? e.responseCode : null;
  // a 5xx to AUTH or STARTTLS is the relay's settings, not this message: keep it for when they are fixed
  if (e?.code === "EAUTH" || e?.code === "ETLS") return false;
  return status !== null && status >= 500 && status < 600;
}
