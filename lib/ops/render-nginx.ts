// deploy/nginx/rollcall.conf with its {{…}} placeholders filled (`npm run nginx:render`, and the
// benchmark's and the deployment test's load balancer). Pure.
//   {{PREFIX}}      a folder nginx's user can write: pid file, error log, temp files
//   {{UPSTREAMS}}   one `server ADDRESS:PORT max_fails=0;` line per Rollcall instance
//   {{LISTEN}}      "" (every interface) or "ADDRESS:" to bind nginx to one address
//   {{HTTP_PORT}} {{HTTPS_PORT}} {{CERT}} {{KEY}}

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
}

const UPSTREAM = /^[A-Za-z0-9.\-[\]:]+:\d{1,5}$/;
const SAFE_PATH = /^[^\s;{}'"]+$/;

export function renderNginx(template: string, s: NginxSettings): string {
  if (s.upstreams.length === 0) throw new Error("at least one upstream (ADDRESS:PORT) is needed");
  for (const u of s.upstreams) if (!UPSTREAM.test(u)) throw new Error(`upstream must be ADDRESS:PORT, got ${JSON.stringify(u)}`);
  for (const p of [s.prefix, s.cert, s.key]) if (!SAFE_PATH.test(p)) throw new Error(`paths may not contain spaces, quotes, ';' or braces: ${JSON.stringify(p)}`);
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
    .replaceAll("{{KEY}}", s.key);
  const left = /\{\{[A-Z_]+\}\}/.exec(out);
  if (left) throw new Error(`the template has a placeholder this renderer does not know: ${left[0]}`);
  return out;
}

/** The folders nginx expects under {{PREFIX}} (temp files). */
export const NGINX_TEMP_DIRS = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"] as const;
