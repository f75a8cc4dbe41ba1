// HTTP client for the load generator: undici connection pools, one per (origin, source
// address), so simulated clients can come from distinct loopback addresses (127.x.y.z).
import net from "node:net";
import tls from "node:tls";
import { Pool } from "undici";

type ConnectOptions = { hostname: string; protocol: string; port: string; servername?: string | null };
type ConnectCallback = (error: Error | null, socket: net.Socket | tls.TLSSocket | null) => void;

/**
 * A connector that binds the client side of each connection to `localAddress`. (undici's own
 * connector ignores a `localAddress` option; the server would see every client as 127.0.0.1.)
 */
function connectorFrom(localAddress: string | undefined) {
  return (opts: ConnectOptions, callback: ConnectCallback) => {
    const secure = opts.protocol === "https:";
    const port = Number(opts.port) || (secure ? 443 : 80);
    const tcp = net.connect({ host: opts.hostname, port, localAddress });
    // TLS (nginx in front): the throw-away self-signed certificate is accepted on purpose
    const socket = secure
      ? tls.connect({ socket: tcp, servername: opts.servername || "localhost", rejectUnauthorized: false, ALPNProtocols: ["http/1.1"] })
      : tcp;
    socket.setNoDelay(true);
    const ready = secure ? "secureConnect" : "connect";
    const onError = (error: Error) => callback(error, null);
    socket.once("error", onError);
    socket.once(ready, () => {
      socket.off("error", onError);
      callback(null, socket);
    });
  };
}

export interface Reply {
  status: number | "network_error";
  body: unknown;
  /** the Retry-After header, when the server sent one */
  retryAfter?: string;
}

export interface Exchange {
  status: number;
  text: string;
  location: string | null;
  setCookies: string[];
}

export class LoadClient {
  private pools = new Map<string, Pool>();

  constructor(
    private readonly origin: string,
    private readonly connections = 64,
  ) {}

  private pool(localAddress?: string): Pool {
    const key = localAddress ?? "default";
    let pool = this.pools.get(key);
    if (!pool) {
      pool = new Pool(this.origin, {
        connections: this.connections,
        pipelining: 1,
        connect: connectorFrom(localAddress) as never,
      });
      this.pools.set(key, pool);
    }
    return pool;
  }

  async request(method: "GET" | "POST", path: string, opts: { json?: unknown; text?: { body: string | Buffer; type: string }; token?: string; ip?: string } = {}): Promise<Reply> {
    const headers: Record<string, string> = { "user-agent": "rollcall-bench" };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body: string | Buffer | undefined;
    if (opts.json !== undefined) {
      body = JSON.stringify(opts.json);
      headers["content-type"] = "application/json";
    } else if (opts.text) {
      body = opts.text.body;
      headers["content-type"] = opts.text.type;
    }
    try {
      const res = await this.pool(opts.ip).request({ method, path, headers, body });
      const text = await res.body.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        /* not JSON */
      }
      return { status: res.statusCode, body: parsed, retryAfter: typeof res.headers["retry-after"] === "string" ? res.headers["retry-after"] : undefined };
    } catch {
      return { status: "network_error", body: null };
    }
  }

  /**
   * One request as a browser sends it (a form, cookies), answered with its headers: the single
   * sign-on scenario follows redirects and keeps cookies itself. Throws on a network error.
   */
  async exchange(method: "GET" | "POST", path: string, opts: { form?: Record<string, string>; cookie?: string; ip?: string; origin?: string } = {}): Promise<Exchange> {
    const headers: Record<string, string> = { "user-agent": "rollcall-bench" };
    if (opts.cookie) headers.cookie = opts.cookie;
    if (opts.origin) headers.origin = opts.origin;
    let body: string | undefined;
    if (opts.form) {
      body = new URLSearchParams(opts.form).toString();
      headers["content-type"] = "application/x-www-form-urlencoded";
    }
    const res = await this.pool(opts.ip).request({ method, path, headers, body });
    const text = await res.body.text();
    const header = (name: string) => {
      const v = res.headers[name];
      return v === undefined ? [] : Array.isArray(v) ? v : [v];
    };
    return { status: res.statusCode, text, location: header("location")[0] ?? null, setCookies: header("set-cookie") };
  }

  async close(): Promise<void> {
    await Promise.all([...this.pools.values()].map((p) => p.close()));
  }
}

/** Run `fn(i)` for i < n at random moments spread over `seconds`, resolving when all finish. */
export async function spread<T>(n: number, seconds: number, fn: (i: number) => Promise<T>): Promise<T[]> {
  const offsets = Array.from({ length: n }, () => Math.random() * seconds * 1000).sort((a, b) => a - b);
  const start = performance.now();
  return Promise.all(
    offsets.map(
      (offset, i) =>
        new Promise<T>((resolve, reject) => {
          setTimeout(() => fn(i).then(resolve, reject), Math.max(0, offset - (performance.now() - start)));
        }),
    ),
  );
}

/** Run `fn(i)` at a steady `perSecond` rate for `seconds`. */
export async function steady(perSecond: number, seconds: number, fn: (i: number) => Promise<unknown>): Promise<void> {
  const total = Math.max(1, Math.round(perSecond * seconds));
  const gap = 1000 / perSecond;
  await Promise.all(Array.from({ length: total }, (_, i) => new Promise<void>((resolve) => setTimeout(() => void fn(i).finally(resolve), i * gap))));
}

/** A loopback source address for simulated client `i` (never 127.0.0.1, the trusted proxy). */
export const clientIp = (group: number, i: number) => `127.${10 + group}.${Math.floor(i / 250) % 250}.${(i % 250) + 2}`;
