// A real SMTP server for tests (smtp-server + mailparser), on a free loopback port. Every message
// it accepts is parsed and written as one JSON file into `dir`, so any process can read it: vitest
// workers and Playwright specs read them through tests/support/mailbox.ts. A test can also start
// its own capture that refuses (451/550) or stalls, to drive the sender's retries and crashes.
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { simpleParser } from "mailparser";
import { SMTPServer, type SMTPServerAddress, type SMTPServerSession } from "smtp-server";

export interface CapturedMail {
  /** envelope recipients (RCPT TO), lower-cased */
  to: string[];
  /** envelope sender (MAIL FROM) */
  from: string;
  subject: string;
  text: string;
  html: string;
  /** lower-cased header name → unfolded raw value (the last one when repeated) */
  headers: Record<string, string>;
  messageId: string;
  receivedAt: string;
}

/** An Error an SMTP handler passes to its callback: the client sees `responseCode message`. */
export function smtpRefusal(responseCode: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode });
}

export interface SmtpCaptureOptions {
  /** where each accepted message is written as JSON (created if missing); omit to keep them in memory only */
  dir?: string;
  /** decide per recipient: return an Error from smtpRefusal() to refuse, nothing to accept */
  onRecipient?(address: string, session: SMTPServerSession): Error | void | Promise<Error | void>;
  /** called before each message's final reply; a test may hold it (await) to keep the sender mid-send */
  beforeAccept?(mail: CapturedMail): void | Promise<void>;
  /** SMTP AUTH: accept only this user and password (PLAIN/LOGIN) */
  auth?: { user: string; pass: string };
}

export interface SmtpCapture {
  port: number;
  /** smtp://127.0.0.1:PORT (plus credentials when `auth` is set) */
  url: string;
  /** every message accepted so far, in arrival order */
  received: CapturedMail[];
  /** resolves when `count` messages have arrived (or rejects after timeoutMs) */
  waitForCount(count: number, timeoutMs?: number): Promise<CapturedMail[]>;
  /** how many connections are open right now */
  connections(): number;
  stop(): Promise<void>;
}

function headerMap(lines: ReadonlyArray<{ key: string; line: string }>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { key, line } of lines) {
    const value = line.slice(line.indexOf(":") + 1).replace(/\r?\n[ \t]+/g, " ").trim();
    out[key.toLowerCase()] = value;
  }
  return out;
}

export async function startSmtpCapture(options: SmtpCaptureOptions = {}): Promise<SmtpCapture> {
  const received: CapturedMail[] = [];
  const waiters: Array<() => void> = [];
  let open = 0;
  if (options.dir) fs.mkdirSync(options.dir, { recursive: true });
  const server = new SMTPServer({
    authOptional: !options.auth,
    disabledCommands: options.auth ? ["STARTTLS"] : ["STARTTLS", "AUTH"],
    allowInsecureAuth: true,
    logger: false,
    onConnect(_session, cb) {
      open++;
      cb();
    },
    onClose() {
      open--;
    },
    onAuth(auth, _session, cb) {
      if (options.auth && auth.username === options.auth.user && auth.password === options.auth.pass) return cb(null, { user: auth.username });
      cb(smtpRefusal(535, "5.7.8 Authentication credentials invalid"));
    },
    onRcptTo(address: SMTPServerAddress, session, cb) {
      Promise.resolve(options.onRecipient?.(address.address, session)).then(
        (refusal) => cb(refusal ?? null),
        (error: Error) => cb(error),
      );
    },
    onData(stream, session, cb) {
      simpleParser(stream)
        .then(async (m) => {
          const mail: CapturedMail = {
            to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            subject: m.subject ?? "",
            text: m.text ?? "",
            html: typeof m.html === "string" ? m.html : "",
            headers: headerMap(m.headerLines),
            messageId: m.messageId ?? "",
            receivedAt: new Date().toISOString(),
          };
          await options.beforeAccept?.(mail);
          received.push(mail);
          if (options.dir) {
            // write then rename: a reader never sees half a file
            const name = `${Date.now().toString().padStart(15, "0")}-${randomBytes(6).toString("hex")}.json`;
            const tmp = path.join(options.dir, `.${name}.tmp`);
            fs.writeFileSync(tmp, JSON.stringify(mail));
            fs.renameSync(tmp, path.join(options.dir, name));
          }
          for (const w of waiters.splice(0)) w();
          cb();
        })
        .catch((error: Error) => cb(error));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  server.on("error", () => undefined); // a client dropping mid-session is not the test's failure
  const port = (server.server.address() as { port: number }).port;
  const creds = options.auth ? `${encodeURIComponent(options.auth.user)}:${encodeURIComponent(options.auth.pass)}@` : "";
  return {
    port,
    url: `smtp://${creds}127.0.0.1:${port}`,
    received,
    connections: () => open,
    async waitForCount(count, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`expected ${count} messages, got ${received.length} within ${timeoutMs} ms`);
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, Math.min(left, 500));
          waiters.push(() => {
            clearTimeout(t);
            resolve();
          });
        });
      }
      return received.slice();
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
