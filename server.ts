// The production and development HTTP server: Next.js behind a plain Node server that
// records each request's real TCP peer address in a header clients cannot forge (any
// incoming copy is overwritten). lib/net/client-ip.ts trusts X-Forwarded-For only when
// that peer is one of TRUSTED_PROXIES. `npm start` and `npm run dev` both run this file.
import { createServer } from "node:http";
import next from "next";
import { ConfigError, getConfig } from "./lib/config";
import { loadDotEnv } from "./scripts/load-env";
import { PEER_HEADER } from "./lib/net/client-ip";

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

app.prepare().then(() => {
  const server = createServer((req, res) => {
    req.headers[PEER_HEADER] = req.socket.remoteAddress ?? "";
    handle(req, res);
  });
  server.keepAliveTimeout = 65_000; // longer than common load balancers' idle timeout
  server.listen(port, hostname, () => {
    console.log(`Rollcall ${dev ? "development" : "production"} server listening on http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}`);
  });
  const shutdown = () => server.close(() => process.exit(0));
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
});
