// deploy/nginx/rollcall.conf with its {{…}} placeholders filled (`npm run nginx:render`, and the
// benchmark's and the deployment test's load balancer). Pure.
//   {{PREFIX}}      a folder nginx's user can write: pid file, error log, temp files
//   {{UPSTREAMS}}   one `server ADDRESS:PORT max_fails=0;` line per Rollcall instance
//   {{LISTEN}}      "" (every interface) or "ADDRESS:" to bind nginx to one address
//   {{HTTP_PORT}} {{HTTPS_PORT}} {{CERT}} {{KEY}}
//   {{STATIC_ROOT}} the releases' shared static folder (holds _next/static/…); default {{PREFIX}}/static
//   {{PROXY_BIND}}  the address nginx connects to the instances from; TRUSTED_PROXIES names it

export interface NginxSettings {
  prefix: string;
  /** the instances, e.g. ["127.0.0.1:3001", "127.0.0.1:3002"] */
  upstreams: string[];
  httpPort: number;
  httpsPort: number;
  cert: string;
  key: string;
  /** bind nginx to this address only (default: every interface) */
  listenAddress?: string;
  /** the folder holding _next/static/ of every release in use (npm run release); default `<prefix>/static` */
  staticRoot?: string;
  /** the address nginx connects to the instances from (default 127.0.0.2; instances trust only it) */
  proxyBind?: string;
}

/** nginx's own source address towards the instances: not 127.0.0.1, which every local process uses. */
export const DEFAULT_PROXY_BIND = "127.0.0.2";

const UPSTREAM = /^[A-Za-z0-9.\-[\]:]+:\d{1,5}$/;
const SAFE_PATH = /^[^\s;{}'"]+$/;

export function renderNginx(template: string, s: NginxSettings): string {
  if (s.upstreams.length === 0) throw new Error("at least one upstream (ADDRESS:PORT) is needed");
  for (const u of s.upstreams) if (!UPSTREAM.test(u)) throw new Error(`upstream must be ADDRESS:PORT, got ${JSON.stringify(u)}`);
  const staticRoot = (s.staticRoot ?? `${s.prefix.replace(/\/+$/, "")}/static`).replace(/\/+$/, "");
  for (const p of [s.prefix, s.cert, s.key, staticRoot]) if (!SAFE_PATH.test(p)) throw new Error(`paths may not contain spaces, quotes, ';' or braces: ${JSON.stringify(p)}`);
  const proxyBind = s.proxyBind ?? DEFAULT_PROXY_BIND;
  if (!/^[0-9a-fA-F.:]+$/.test(proxyBind)) throw new Error(`proxy bind must be an IP address, got ${JSON.stringify(proxyBind)}`);
  const out = template
    .replaceAll("{{PREFIX}}", s.prefix.replace(/\/+$/, ""))
    // max_fails=0: never mark an instance down for a while after one refused connection. During
    // a rolling restart the instance just restarted would otherwise still count as down when the
    // next one stops, and nginx would answer 502 with no instance left; a refused connection is
    // simply retried on the other instance (proxy_next_upstream).
    .replaceAll("{{UPSTREAMS}}", s.upstreams.map((u) => `    server ${u} max_fails=0;`).join("\n"))
    .replaceAll("{{LISTEN}}", s.listenAddress ? `${s.listenAddress}:` : "")
    .replaceAll("{{HTTP_PORT}}", String(s.httpPort))
    .replaceAll("{{HTTPS_PORT}}", String(s.httpsPort))
    .replaceAll("{{CERT}}", s.cert)
    .replaceAll("{{KEY}}", s.key)
    .replaceAll("{{STATIC_ROOT}}", staticRoot)
    .replaceAll("{{PROXY_BIND}}", proxyBind);
  const left = /\{\{[A-Z_]+\}\}/.exec(out);
  if (left) throw new Error(`the template has a placeholder this renderer does not know: ${left[0]}`);
  return out;
}

/** The folders nginx expects under {{PREFIX}} (temp files). */
export const NGINX_TEMP_DIRS = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"] as const;
