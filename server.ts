// The production and development HTTP server: Next.js behind a plain Node server that
// records each request's real TCP peer address in a header clients cannot forge (any
// incoming copy is overwritten). lib/net/client-ip.ts trusts X-Forwarded-For only when
// that peer is one of TRUSTED_PROXIES. `npm start` and `npm run dev` both run this file.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import next from "next";
import { ConfigError, getConfig } from "./lib/config";
import { loadDotEnv } from "./scripts/load-env";
import { PEER_HEADER, parseTrustedProxies, resolveClientIp } from "./lib/net/client-ip";
import { API_CSP, baselineHeaders, corsFor, FALLBACK_CSP } from "./lib/security/headers";
import { startBackupScheduler } from "./lib/backup/scheduler";
import { startLowAttendanceSweep } from "./lib/courses/low-attendance";
import { scriptContext } from "./lib/context";
import { lowerWorkerThreadPriority } from "./lib/server/threadpool-priority";
import { flushRefusals } from "./lib/audit/refusals";
import { openApiDocument } from "./lib/openapi/document";
import { answerMalformedPath, apiRoutes, hasMalformedEncoding, jsonMethodNotAllowed } from "./lib/server/api-fallbacks";
import { gracefulShutdown, SHUTDOWN_DEADLINE_MS } from "./lib/server/graceful-shutdown";
import { methodRefusal, READ_ONLY_ROUTES, refusalBody } from "./lib/server/method-gate";
import { publicFilePaths, serverActionsOfBuild } from "./lib/server/build-facts";
import { disconnectDb } from "./lib/db";
import { startHeartbeat } from "./lib/server/instances";
import { startEventLoopMonitor } from "./lib/metrics/event-loop";
import { startMailSender } from "./lib/mail/sender";
import { startMailSweeps } from "./lib/mail/mail-sweeps";
import { randomUUID } from "node:crypto";
import { log, routeConsoleToLog, setLogIdentity } from "./lib/log";
import { instanceName, setInstanceIdentity } from "./lib/server/identity";
import { acceptableRequestId, withRequestNote, type RequestNote } from "./lib/server/request-log";
import { issuerProblem } from "./lib/auth/sso/issuer-metadata";

const dev = process.argv.includes("--dev");
loadDotEnv();

let config;
try {
  config = getConfig(); // refuse to start on invalid or weak settings, naming each rule
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`Rollcall refuses to start.\n${error.message}`);
    process.exit(1);
  }
  throw error;
}

// Single sign-on: the provider must answer its discovery document with usable metadata now, or
// every "Sign in with …" would fail later (lib/auth/sso/issuer-metadata.ts). Checked before Next
// starts loading: its start-up blocks the event loop for seconds, which a timed fetch would count.
const ssoChecked = (async () => {
  const problem = config.sso ? await issuerProblem(config.sso.issuer) : null;
  if (problem) {
    console.error(`Rollcall refuses to start.\nInvalid configuration:\n  - OIDC_ISSUER: ${problem}`);
    process.exit(1);
  }
})();

const { PORT: port, HOST: hostname } = config;
// Who this instance is, on every log line and in /api/admin/metrics; the id is its heartbeat row's.
const instanceId = randomUUID();
setInstanceIdentity({ id: instanceId, name: instanceName(port), startedAt: new Date() });
setLogIdentity({ instance: instanceName(port), instance_id: instanceId });
// Next.js (and anything else) printing to the console goes through the logger too: JSON lines, redacted.
routeConsoleToLog();
const app = next({ dev, hostname, port });
const handle = app.getRequestHandler();

const baseline = baselineHeaders(config);
const corsOrigins = config.CORS_ORIGINS;
const routeOf = apiRoutes(openApiDocument().paths as Record<string, Record<string, unknown>>);
const allowFor = (pathname: string) => routeOf(pathname)?.methods ?? null;
const trusted = parseTrustedProxies(config.TRUSTED_PROXIES);
// Methods are decided here, before Next (lib/server/method-gate.ts): Next answers TRACE, a POST
// to a static file and an unknown server action with a 500.
// In development pages compile on demand and their actions with them: every page takes a POST there.
const publicFiles = publicFilePaths(process.cwd());
const actions = dev ? { onPage: () => true, anyOnPage: () => true } : serverActionsOfBuild(process.cwd());
const gateSources = {
  apiMethods: allowFor,
  isReadOnly: (p: string) => p.startsWith("/_next/") || publicFiles.has(p) || READ_ONLY_ROUTES.some((re) => re.test(p)),
  hasActions: actions.anyOnPage,
};

/** Answers a request the method gate refuses; true when it did. */
function refuseMethod(req: IncomingMessage, res: ServerResponse, pathname: string): boolean {
  const method = req.method ?? "GET";
  const refusal = methodRefusal(method, pathname, gateSources);
  const action = req.headers["next-action"];
  if (!refusal) {
    if (method !== "POST" || typeof action !== "string" || pathname.startsWith("/api/") || actions.onPage(action, pathname)) return false;
    const body = "This page has no such action: reload the page and try again.";
    res.writeHead(404, { "content-type": "text/plain; charset=utf-8", "content-length": Buffer.byteLength(body), "cache-control": "no-store" });
    res.end(body);
    return true;
  }
  const { contentType, body } = refusalBody(refusal, method);
  const headers: Record<string, string | number> = { "content-type": contentType, "content-length": Buffer.byteLength(body), "cache-control": "no-store" };
  if (refusal.allow.length) headers.allow = refusal.allow.join(", ");
  res.writeHead(refusal.status, headers);
  res.end(method === "HEAD" ? undefined : body);
  return true;
}

/** The request's log line, when its response is done (docs/deployment.md#logs). */
function logRequest(req: IncomingMessage, res: ServerResponse, requestId: string, pathname: string, note: RequestNote, started: number) {
  const status = res.statusCode;
  const asset = pathname.startsWith("/_next/static/");
  const level = status >= 500 ? "error" : asset && status < 400 ? "debug" : "info";
  log(level, "request", {
    request_id: requestId,
    method: req.method,
    route: pathname.startsWith("/api/") ? (routeOf(pathname)?.template ?? pathname) : pathname,
    status,
    duration_ms: Math.round((performance.now() - started) * 10) / 10,
    user_id: note.userId,
    client_ip: resolveClientIp(req.socket.remoteAddress ?? null, typeof req.headers["x-forwarded-for"] === "string" ? req.headers["x-forwarded-for"] : null, trusted),
    ...(res.writableFinished ? {} : { aborted: true }),
  });
}

ssoChecked.then(() => app.prepare()).then(async () => {
  // bcrypt in libuv's pool must never outrank the event loop (lib/server/threadpool-priority.ts)
  await lowerWorkerThreadPriority();
  const server = createServer((req, res) => {
    const started = performance.now();
    graceful.onRequest(req, res);
    req.headers[PEER_HEADER] = req.socket.remoteAddress ?? "";
    // one id per request, the same in the log line, the response header and the route's context
    const requestId = acceptableRequestId(req.headers["x-request-id"]) ?? randomUUID();
    req.headers["x-request-id"] = requestId;
    res.setHeader("x-request-id", requestId);
    const note: RequestNote = { userId: null };
    const pathname = (req.url ?? "/").split("?")[0]!;
    res.once("close", () => logRequest(req, res, requestId, pathname, note, started));
    // Baseline security headers on every response; pages get their nonce CSP from proxy.ts.
    for (const [name, value] of Object.entries(baseline)) res.setHeader(name, value);
    // no framing, even where the gate's page policy never arrives (it replaces this one on pages)
    if (!pathname.startsWith("/api/")) res.setHeader("content-security-policy", FALLBACK_CSP);
    if (pathname.startsWith("/api/")) {
      res.setHeader("content-security-policy", API_CSP);
      const origin = typeof req.headers.origin === "string" ? req.headers.origin : undefined;
      const requested = req.headers["access-control-request-method"];
      const cors = corsFor(pathname, req.method ?? "GET", origin, typeof requested === "string" ? requested : undefined, corsOrigins);
      for (const [name, value] of Object.entries(cors.headers)) res.setHeader(name, value);
      if (cors.preflight) {
        res.statusCode = 204;
        res.end();
        return;
      }
      jsonMethodNotAllowed(req.method ?? "GET", pathname, res, allowFor);
    }
    if (refuseMethod(req, res, pathname)) return;
    // a broken percent-encoding makes Next's router answer 500 (lib/server/api-fallbacks.ts)
    if (pathname.includes("%") && hasMalformedEncoding(pathname) && answerMalformedPath(pathname, res)) return;
    void withRequestNote(note, () => handle(req, res));
  });
  server.keepAliveTimeout = 65_000; // longer than common load balancers' idle timeout
  const graceful = gracefulShutdown(server);
  // Registered before listening: peers deciding which QR key to sign with must see what this
  // instance verifies (lib/qr/signing-keys.ts). Removed again when it stops.
  const makeCtx = () => scriptContext({ userAgent: "rollcall-scheduler", ip: "server" });
  const instance = await startHeartbeat(makeCtx, instanceId);
  // how long requests held the event loop, for the dashboard and the benchmark (lib/metrics/event-loop.ts)
  startEventLoopMonitor();
  server.listen(port, hostname, () => {
    log("info", `Rollcall ${dev ? "development" : "production"} server listening on http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}`);
  });
  // Scheduled backups live in this long-running process (never in `next build` or a route
  // worker); a no-op unless BACKUP_DIR is set. See lib/backup/scheduler.ts.
  const backups = config.BACKUP_DIR ? startBackupScheduler(makeCtx, instanceId, config.BACKUP_CHECK_SECONDS) : null;
  // the low-attendance warning for course sessions that ended by time (lib/courses/low-attendance.ts)
  const sweep = startLowAttendanceSweep(makeCtx);
  // outgoing mail: delivers the outbox (or, with no SMTP_URL, logs what waits there): lib/mail/sender.ts
  const mailSender = startMailSender(makeCtx, instanceId);
  // mail nobody's request triggers: the batched signup digest, the daily low-attendance digest
  const mailSweeps = startMailSweeps(makeCtx);
  const shutdown = () => {
    if (graceful.stopping) return;
    log("info", "Rollcall stopping: finishing requests in flight");
    backups?.stop();
    sweep.stop();
    mailSweeps.stop();
    // the last resort if closing the database hangs: a supervisor waits longer (deploy/systemd)
    setTimeout(() => process.exit(1), SHUTDOWN_DEADLINE_MS + 1_500).unref();
    void graceful
      .stop()
      // refusals are audited in aggregate per window (lib/audit/refusals.ts): write what is tallied
      .then(() => flushRefusals())
      // messages in flight are sent and marked; unclaimed ones wait for the next instance
      .then(() => mailSender.stop())
      .then(() => instance.stop())
      .then(() => disconnectDb())
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
});
