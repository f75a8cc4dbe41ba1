// Stopping a server without losing a request (docs/deployment.md, "Supervision"). On SIGTERM:
// stop accepting connections, let every request already received finish (a mark completes its
// transaction and answers), answer requests that still arrive on open keep-alive connections
// with `Connection: close`, close connections as soon as they are idle (a proxy's keep-alive
// pool would otherwise hold the process for its idle timeout), and exit within the deadline
// even under load: what is still open then is cut, and its transaction rolls back.
import type { IncomingMessage, Server, ServerResponse } from "node:http";

/** The whole stop takes at most this long; the systemd unit's TimeoutStopSec is longer. */
export const SHUTDOWN_DEADLINE_MS = 8_000;

export interface GracefulShutdown {
  /** true once the stop has begun */
  readonly stopping: boolean;
  /** call first thing in the request handler */
  onRequest(req: IncomingMessage, res: ServerResponse): void;
  /** begin the stop; resolves when every connection is closed (or the deadline cut them) */
  stop(): Promise<void>;
}

export function gracefulShutdown(server: Server, deadlineMs = SHUTDOWN_DEADLINE_MS): GracefulShutdown {
  let stopping = false;
  let done: Promise<void> | undefined;
  return {
    get stopping() {
      return stopping;
    },
    onRequest(_req, res) {
      res.once("close", () => {
        // the response is out: its connection is idle now, close it instead of keeping it alive
        if (stopping) server.closeIdleConnections();
      });
      if (stopping) res.setHeader("connection", "close");
    },
    stop() {
      if (done) return done;
      stopping = true;
      done = new Promise<void>((resolve) => {
        const cut = setTimeout(() => {
          // the deadline: whatever is still running is cut (its transaction rolls back)
          server.closeAllConnections();
        }, deadlineMs);
        cut.unref();
        // a connection that goes idle between two sweeps is closed within 100 ms
        const sweep = setInterval(() => server.closeIdleConnections(), 100);
        sweep.unref();
        server.close(() => {
          clearTimeout(cut);
          clearInterval(sweep);
          resolve();
        });
        server.closeIdleConnections();
      });
      return done;
    },
  };
}
