// The production and development HTTP server: Next.js behind a plain Node server that
// records each request's real TCP peer address in a header clients cannot forge (any
// incoming copy is overwritten). lib/net/client-ip.ts trusts X-Forwarded-For only when
// that peer is one of TRUSTED_PROXIES. `npm start` and `npm run dev` both run this file.
import { createServer } from "node:http";
import next from "next";
import { ConfigError, getConfig } from "./lib/config";
import { loadDotEnv } from "./scripts/load-env";
import { PEER_HEADER } from "./lib/net/client-ip";
import { API_CSP, baselineHeaders, corsFor } from "./lib/security/headers";
import { startBackupScheduler } from "./lib/backup/scheduler";
import { startLowAttendanceSweep } from "./lib/courses/low-attendance";
import { scriptContext } from "./lib/context";
import { lowerWorkerThreadPriority } from "./lib/server/threadpool-priority";
import { flushRefusals } from "./lib/audit/refusals";
import { openApiDocument } from "./lib/openapi/document";
import { allowedMethods, answerMalformedPath, hasMalformedEncoding, jsonMethodNotAllowed } from "./lib/server/api-fallbacks";
import { gracefulShutdown, SHUTDOWN_DEADLINE_MS } from "./lib/server/graceful-shutdown";
import { disconnectDb } from "./lib/db";
import { startHeartbeat } from "./lib/server/instances";
import { randomUUID } from "node:crypto";

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

const { PORT: port, HOST: hostname } = config;
const app = next({ dev, hostname, port });
const handle = app.getRequestHandler();

const baseline = baselineHeaders(config);
const corsOrigins = config.CORS_ORIGINS;
const allowFor = allowedMethods(openApiDocument().paths as Record<string, Record<string, unknown>>);

app.prepare().then(async () => {
  // bcrypt in libuv's pool must never outrank the event loop (lib/server/threadpool-priority.ts)
  await lowerWorkerThreadPriority();
  const server = createServer((req, res) => {
    graceful.onRequest(req, res);
    req.headers[PEER_HEADER] = req.socket.remoteAddress ?? "";
    // Baseline security headers on every response; pages get their nonce CSP from proxy.ts.
    for (const [name, value] of Object.entries(baseline)) res.setHeader(name, value);
    const pathname = (req.url ?? "/").split("?")[0]!;
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
    // a broken percent-encoding makes Next's router answer 500 (lib/server/api-fallbacks.ts)
    if (pathname.includes("%") && hasMalformedEncoding(pathname) && answerMalformedPath(pathname, res)) return;
    handle(req, res);
  });
  server.keepAliveTimeout = 65_000; // longer than common load balancers' idle timeout
  const graceful = gracefulShutdown(server);
  // Registered before listening: peers deciding which QR key to sign with must see what this
  // instance verifies (lib/qr/signing-keys.ts). Removed again when it stops.
  const instanceId = randomUUID();
  const makeCtx = () => scriptContext({ userAgent: "rollcall-scheduler", ip: "server" });
  const instance = await startHeartbeat(makeCtx, instanceId);
  server.listen(port, hostname, () => {
    console.log(`Rollcall ${dev ? "development" : "production"} server listening on http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}`);
  });
  // Scheduled backups live in this long-running process (never in `next build` or a route
  // worker); a no-op unless BACKUP_DIR is set. See lib/backup/scheduler.ts.
  const backups = config.BACKUP_DIR ? startBackupScheduler(makeCtx, instanceId, config.BACKUP_CHECK_SECONDS) : null;
  // the low-attendance warning for course sessions that ended by time (lib/courses/low-attendance.ts)
  const sweep = startLowAttendanceSweep(makeCtx);
  const shutdown = () => {
    if (graceful.stopping) return;
    console.log("Rollcall stopping: finishing requests in flight");
    backups?.stop();
    sweep.stop();
    // the last resort if closing the database hangs: a supervisor waits longer (deploy/systemd)
    setTimeout(() => process.exit(1), SHUTDOWN_DEADLINE_MS + 1_500).unref();
    void graceful
      .stop()
      // refusals are audited in aggregate per window (lib/audit/refusals.ts): write what is tallied
      .then(() => flushRefusals())
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
