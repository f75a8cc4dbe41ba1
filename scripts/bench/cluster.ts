// The system under test: K production servers on one database, optionally behind nginx
// (TLS termination, the repo's deploy/nginx/rollcall.conf), all on this machine's loopback.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { DEFAULT_PROXY_BIND, NGINX_TEMP_DIRS, renderNginx } from "../../lib/ops/render-nginx";
import { startOidcProvider } from "../../tests/support/oidc-provider";
import type { SsoProvider } from "./sso";
import { createTestDatabase, freePort, ROOT, startServer, testSecrets, type Provider, type TestDatabase, type TestServer } from "../../tests/support/test-server";

export interface Cluster {
  /** where the load goes: nginx's https URL, or the single server */
  url: string;
  /** each instance's own URL (for cross-instance checks) */
  instanceUrls: string[];
  /** each instance's process id (the campus scenario reads their CPU time) */
  pids: number[];
  databaseUrl: string;
  env: Record<string, string>;
  /** the college's OpenID Provider every instance signs in with, when asked for */
  sso?: SsoProvider;
  stop(): Promise<void>;
}

export interface ClusterOptions {
  provider: Provider;
  instances: number;
  /** put nginx in front (default: when instances > 1) */
  proxy: boolean;
  /** production settings (bcrypt 12 etc.) unless told otherwise */
  bcryptRounds: number;
  /** more settings for every instance (the signup scenario's SMTP_URL) */
  extraEnv?: Record<string, string>;
  /** start a real OpenID Provider (https, a throw-away certificate) and point every instance at it */
  sso?: boolean;
  /** fill the migrated database before any instance opens it (the campus scenario's bulk seed) */
  prepare?: (databaseUrl: string) => Promise<void>;
}

/** A self-signed certificate for 127.0.0.1, the OpenID Provider's address. */
function selfSignedForLoopback(dir: string): { cert: string; key: string } {
  fs.mkdirSync(dir, { recursive: true });
  const cert = path.join(dir, "oidc-cert.pem");
  const key = path.join(dir, "oidc-key.pem");
  execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", cert], { stdio: "ignore" });
  return { cert, key };
}

function writeNginxConf(dir: string, ports: number[], httpPort: number, httpsPort: number): string {
  const cert = path.join(dir, "cert.pem");
  const key = path.join(dir, "key.pem");
  execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost", "-keyout", key, "-out", cert], { stdio: "ignore" });
  for (const sub of NGINX_TEMP_DIRS) fs.mkdirSync(path.join(dir, sub), { recursive: true });
  const template = fs.readFileSync(path.join(ROOT, "deploy/nginx/rollcall.conf"), "utf8");
  const conf = renderNginx(template, { prefix: dir, upstreams: ports.map((p) => `127.0.0.1:${p}`), httpPort, httpsPort, cert, key, listenAddress: "127.0.0.1" });
  const file = path.join(dir, "nginx.conf");
  fs.writeFileSync(file, conf);
  return file;
}

async function waitFor(url: string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      /* not yet */
    }
    if (Date.now() > deadline) throw new Error(`${url} did not come up`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function startCluster(opts: ClusterOptions): Promise<Cluster> {
  const db: TestDatabase = await createTestDatabase(opts.provider, "bench");
  const secrets = testSecrets();
  const ports = await Promise.all(Array.from({ length: opts.instances }, () => freePort()));
  const httpsPort = opts.proxy ? await freePort() : 0;
  const httpPort = opts.proxy ? await freePort() : 0;
  // a domain name, not 127.0.0.1: passkeys need one (the passkey storm registers and signs in)
  const appUrl = opts.proxy ? `https://localhost:${httpsPort}` : `http://localhost:${ports[0]}`;
  const env = {
    ...secrets,
    // production refuses bcrypt under 12: a run that leaves bcrypt out (--bcrypt-rounds 4, to measure
    // everything else) runs the same build with the test environment's rules
    APP_ENV: opts.bcryptRounds >= 12 ? "production" : "test",
    BCRYPT_ROUNDS: String(opts.bcryptRounds),
    APP_URL: appUrl,
    // ROLLCALL_SERVER_LOG=1 also shows each request's server-side time (the `duration_ms` of the request log)
    LOG_LEVEL: process.env.ROLLCALL_SERVER_LOG ? "info" : "warn",
    // nginx, which connects from its own address (proxy_bind), is the only proxy believed
    TRUSTED_PROXIES: DEFAULT_PROXY_BIND,
    ...opts.extraEnv,
  };
  let sso: SsoProvider | undefined;
  if (opts.sso) {
    // production settings need an https issuer; each instance trusts exactly this certificate
    const tls = selfSignedForLoopback(path.join(ROOT, ".tmp", `bench-sso-${process.pid}`));
    sso = { provider: await startOidcProvider([appUrl], { tls }), cert: tls.cert };
    Object.assign(env, sso.provider.env, { NODE_EXTRA_CA_CERTS: tls.cert });
  }
  const servers: TestServer[] = [];
  let nginx: ChildProcess | undefined;
  const stop = async () => {
    await sso?.provider.stop();
    if (nginx && nginx.exitCode === null) {
      nginx.kill("SIGQUIT");
      await new Promise((r) => nginx!.once("exit", r));
    }
    await Promise.all(servers.map((s) => s.stop()));
    await db.drop();
  };
  try {
    await opts.prepare?.(db.url);
    for (const port of ports) servers.push(await startServer(db.url, { ...env, PORT: String(port) }));
    if (opts.proxy) {
      const dir = path.join(ROOT, ".tmp", `bench-nginx-${process.pid}`);
      fs.rmSync(dir, { recursive: true, force: true });
      fs.mkdirSync(dir, { recursive: true });
      const conf = writeNginxConf(dir, ports, httpPort, httpsPort);
      nginx = spawn("nginx", ["-c", conf, "-p", dir, "-g", "daemon off;"], { stdio: "inherit" });
      process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0"; // the throw-away self-signed certificate
      await waitFor(`${appUrl}/api/health`);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  // the load goes to nginx, or straight to the one server's address
  return { url: opts.proxy ? appUrl : servers[0]!.url, instanceUrls: servers.map((s) => s.url), pids: servers.map((s) => s.pid), databaseUrl: db.url, env: { ...env, DATABASE_URL: db.url }, sso, stop };
}
