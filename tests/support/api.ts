// A tiny HTTP client for integration tests, on node:http so each test can speak from its own
// loopback address (127.x.y.z): the server sees a distinct real client IP per test, with no
// header tricks. 127.0.0.1 is reserved as the "trusted proxy" of the test server.
import http from "node:http";
import { randomInt } from "node:crypto";
import { inject } from "vitest";
import { contractMismatch } from "./contract";

export interface ApiResponse<T = any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  status: number;
  headers: http.IncomingHttpHeaders;
  body: T;
  text: string;
  /** the body as received (a download such as an .xlsx file) */
  bytes: Buffer;
}

export interface RequestOptions {
  json?: unknown;
  /** raw body (sent as is, with `headers` deciding its content type) */
  raw?: string | Buffer;
  headers?: Record<string, string>;
  token?: string;
  /** the client's source address; a fresh random loopback address when omitted */
  ip?: string;
  cookie?: string;
}

/** A random loopback address other than 127.0.0.1, so rate-limit buckets never collide. */
export function uniqueIp(): string {
  return `127.${randomInt(1, 255)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;
}

export function baseUrl(): string {
  return inject("baseUrl");
}

export function request<T = any>(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const url = new URL(path, baseUrl());
  const headers: Record<string, string> = { ...options.headers };
  let payload: string | Buffer | undefined = options.raw;
  if (options.json !== undefined) {
    payload = JSON.stringify(options.json);
    headers["content-type"] ??= "application/json";
  }
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.cookie) headers.cookie = options.cookie;
  if (payload !== undefined) headers["content-length"] = String(Buffer.byteLength(payload));
  return new Promise((resolve, reject) => {
    const req = http.request(
      { method, hostname: url.hostname, port: url.port, path: url.pathname + url.search, headers, localAddress: options.ip ?? uniqueIp(), agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const bytes = Buffer.concat(chunks);
          const text = bytes.toString("utf8");
          let body: unknown = text;
          if ((res.headers["content-type"] ?? "").includes("json")) {
            try {
              body = JSON.parse(text);
            } catch {
              body = text;
            }
          }
          const status = res.statusCode ?? 0;
          // every answer from /api/** must be what the OpenAPI document says (tests/support/contract.ts)
          const mismatch = contractMismatch(method, url.pathname, status, res.headers["content-type"], body);
          if (mismatch) return reject(new Error(`API contract: ${mismatch}`));
          resolve({ status, headers: res.headers, body: body as T, text, bytes });
        });
      },
    );
    req.on("error", reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

export const get = <T = any>(path: string, o?: RequestOptions) => request<T>("GET", path, o); // eslint-disable-line @typescript-eslint/no-explicit-any
export const post = <T = any>(path: string, json?: unknown, o: RequestOptions = {}) => request<T>("POST", path, { ...o, json }); // eslint-disable-line @typescript-eslint/no-explicit-any
export const patch = <T = any>(path: string, json?: unknown, o: RequestOptions = {}) => request<T>("PATCH", path, { ...o, json }); // eslint-disable-line @typescript-eslint/no-explicit-any
export const del = <T = any>(path: string, o?: RequestOptions) => request<T>("DELETE", path, o); // eslint-disable-line @typescript-eslint/no-explicit-any

/** Assert the one error shape and return the error object. */
export function expectError(res: ApiResponse, status: number, code: string) {
  const e = (res.body as { error?: { code?: string; message?: string } })?.error;
  if (res.status !== status || e?.code !== code || typeof e?.message !== "string" || !e.message) {
    throw new Error(`expected ${status} ${code}, got ${res.status} ${res.text.slice(0, 500)}`);
  }
  return e as { code: string; message: string; details?: unknown };
}
