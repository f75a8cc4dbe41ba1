// SMTP_URL, read once: which relay, how to reach it, with which credentials. Pure, no I/O; used
// by lib/config.ts (to refuse a setting Rollcall cannot use) and by the transport (lib/mail/transport.ts).
// smtp://host:587 speaks STARTTLS when the relay offers it, and insists on it whenever the URL
// carries credentials for a host other than this machine (a password never crosses the network in
// clear text); smtps://host:465 is TLS from the first byte (docs/deployment.md#outgoing-mail).

export interface SmtpSettings {
  host: string;
  port: number;
  /** TLS from the first byte (smtps://) */
  secure: boolean;
  /** STARTTLS required, not merely used when offered */
  requireTls: boolean;
  auth: { user: string; pass: string } | null;
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[?::1\]?)$/i;

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK.test(host);
}

/** The settings, or a sentence saying why the URL cannot be used (never repeating its password). */
export function parseSmtpUrl(raw: string): SmtpSettings | { problem: string } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { problem: "must be a URL such as smtp://user:password@mail.college.edu:587 or smtps://mail.college.edu:465" };
  }
  const scheme = url.protocol.replace(/:$/, "").toLowerCase();
  if (scheme !== "smtp" && scheme !== "smtps") return { problem: `must start with smtp:// (STARTTLS) or smtps:// (TLS), not ${scheme}://` };
  if (!url.hostname) return { problem: "must name the mail relay's host" };
  if (url.search || url.hash) return { problem: "takes no ?options or #fragment: smtp:// uses STARTTLS when offered, smtps:// uses TLS" };
  if (url.pathname && url.pathname !== "/") return { problem: "takes no path after the host and port" };
  const secure = scheme === "smtps";
  const port = url.port ? Number(url.port) : secure ? 465 : 587;
  const user = decodeURIComponent(url.username);
  const pass = decodeURIComponent(url.password);
  if (Boolean(user) !== Boolean(pass)) return { problem: "needs both a user name and a password, or neither" };
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const auth = user ? { user, pass } : null;
  return { host, port, secure, requireTls: !secure && auth !== null && !isLoopbackHost(host), auth };
}
