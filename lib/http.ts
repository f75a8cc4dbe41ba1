// The one adapter between HTTP and the use cases: parse and validate input with zod,
// authenticate and authorize, run the handler, and turn every error into the one shape
// {"error":{"code","message","details"}}. Nothing else builds error responses.
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { authenticate, type AuthUser } from "./auth/authenticate";
import { contextFromHeaders, type Ctx } from "./context";
import { AppError, forbidden, unauthenticated } from "./errors";
import { errorFields, log } from "./log";
import { recordTiming, type TimedMetric } from "./metrics/recorder";

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

export type AuthMode = "none" | "user" | "admin";

type UserFor<A extends AuthMode> = A extends "none" ? null : AuthUser;

export interface RouteOptions<A extends AuthMode, P, Q, B> {
  auth: A;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  /** accept a UTF-8 text body of these media types instead of JSON (e.g. ["text/csv"]): the handler gets it as `text` */
  textBody?: readonly string[];
  maxBodyBytes?: number;
  /** record this route's latency for the live metrics (requests that reached the handler) */
  metric?: Extract<TimedMetric, "login" | "mark">;
}

export interface HandlerArgs<A extends AuthMode, P, Q, B> {
  req: NextRequest;
  ctx: Ctx;
  user: UserFor<A>;
  params: P;
  query: Q;
  body: B;
  /** the raw body when the route takes `textBody`, else "" */
  text: string;
}

/** A JSON reply with a status other than 200 and/or extra headers. */
export class Reply {
  constructor(
    readonly body: unknown,
    readonly status = 200,
    readonly headers: Record<string, string> = {},
  ) {}
}
export const created = (body: unknown) => new Reply(body, 201);

type Segment = { params: Promise<Record<string, string | string[] | undefined>> };

export function errorBody(code: string, message: string, details?: unknown) {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

export function errorResponse(error: unknown, requestId: string): NextResponse {
  if (error instanceof AppError) {
    return NextResponse.json(errorBody(error.code, error.message, error.details), {
      status: error.status,
      headers: { ...error.headers, "x-request-id": requestId },
    });
  }
  log("error", "unhandled error", { requestId, ...errorFields(error) });
  return NextResponse.json(
    errorBody("internal_error", `Something went wrong on our side. Quote request id ${requestId} if you report it.`),
    { status: 500, headers: { "x-request-id": requestId } },
  );
}

/** The JSON 404 for a path under /api/ that no route answers (app/api/[...path]/route.ts). */
export function unknownApiPath(req: Request): Response {
  const { pathname } = new URL(req.url);
  return errorResponse(new AppError("not_found", `There is no API endpoint at ${pathname.slice(0, 200)}. See /api/openapi.json.`), req.headers.get("x-request-id")?.slice(0, 64) || "-");
}

/** zod issues → a 400 listing every problem, each with a path and a code. */
export function validationError(error: z.ZodError, where: "body" | "query" | "params"): AppError {
  const details = error.issues.map((i) => ({ path: [where, ...i.path.map(String)].join("."), code: i.code, message: i.message }));
  const first = details[0];
  const message = where === "params" ? "The URL does not name a valid resource." : `Invalid ${where}: ${first ? `${first.path} ${first.message}` : "check the fields"}.`;
  return new AppError(where === "params" ? "not_found" : "validation_failed", message, details);
}

/** Read the body as text, refusing more than `limit` bytes without buffering it all. */
export async function readBodyText(req: Request, limit: number): Promise<string> {
  const declared = Number(req.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

const tooLarge = (limit: number) =>
  new AppError("payload_too_large", `The request body is larger than ${Math.round(limit / 1024)} KiB.`);

/** Parse a JSON body: content type must be JSON, size bounded, syntax valid. */
export async function parseJsonBody(req: Request, limit: number): Promise<unknown> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type.trim())) {
    throw new AppError("unsupported_media_type", "Send the request body as JSON with Content-Type: application/json.");
  }
  const text = await readBodyText(req, limit);
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("invalid_json", "The request body is not valid JSON.");
  }
}

/** Read a text body of one of `types` (UTF-8; a charset parameter, if any, must say so). */
export async function parseTextBody(req: Request, types: readonly string[], limit: number): Promise<string> {
  const [media = "", ...params] = (req.headers.get("content-type") ?? "").split(";").map((p) => p.trim().toLowerCase());
  const charset = params.find((p) => p.startsWith("charset="))?.slice(8).replace(/"/g, "");
  if (!types.includes(media) || (charset !== undefined && charset !== "utf-8" && charset !== "utf8")) {
    throw new AppError("unsupported_media_type", `Send the request body as ${types.join(" or ")} (UTF-8).`);
  }
  return readBodyText(req, limit);
}

export function queryObject(url: URL): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const all = url.searchParams.getAll(key);
    out[key] = all.length === 1 ? all[0]! : all;
  }
  return out;
}

function authorize(mode: AuthMode, user: AuthUser | null): void {
  if (mode === "none") return;
  if (!user) throw unauthenticated();
  if (mode === "admin" && user.role !== "admin") throw forbidden("Only admins can do this.");
}

/** Wrap a use case as a route handler. Route files stay a few lines long (docs/design.md#code-layout). */
export function route<A extends AuthMode, P = Record<string, never>, Q = Record<string, never>, B = undefined>(
  options: RouteOptions<A, P, Q, B>,
  handler: (args: HandlerArgs<A, P, Q, B>) => Promise<unknown> | unknown,
) {
  return async (req: NextRequest, segment?: Segment): Promise<Response> => {
    const started = performance.now();
    let requestId = "-";
    let status = 500;
    let handled = false;
    try {
      const ctx = await contextFromHeaders(req.headers);
      requestId = ctx.requestId;
      const user = options.auth === "none" ? null : await authenticate(req, ctx);
      authorize(options.auth, user);
      const rawParams = segment ? await segment.params : {};
      const params = options.params ? options.params.safeParse(rawParams) : { success: true as const, data: {} as P };
      if (!params.success) throw validationError(params.error, "params");
      const url = new URL(req.url);
      const query = options.query ? options.query.safeParse(queryObject(url)) : { success: true as const, data: {} as Q };
      if (!query.success) throw validationError(query.error, "query");

      let body = undefined as B;
      let text = "";
      if (options.textBody) text = await parseTextBody(req, options.textBody, options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
      else if (options.body) {
        const raw = await parseJsonBody(req, options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
        const parsed = options.body.safeParse(raw ?? {});
        if (!parsed.success) throw validationError(parsed.error, "body");
        body = parsed.data;
      }

      handled = true;
      const result = await handler({ req, ctx, user: user as UserFor<A>, params: params.data, query: query.data, body, text });
      const response =
        result instanceof Response
          ? result
          : result instanceof Reply
            ? NextResponse.json(result.body, { status: result.status, headers: result.headers })
            : NextResponse.json(result ?? { ok: true });
      response.headers.set("x-request-id", requestId);
      status = response.status;
      return response;
    } catch (error) {
      const response = errorResponse(error, requestId);
      status = response.status;
      return response;
    } finally {
      const ms = performance.now() - started;
      if (options.metric && handled) recordTiming(options.metric, ms);
      log("info", "request", {
        requestId,
        method: req.method,
        path: new URL(req.url).pathname,
        status,
        ms: Math.round(ms * 10) / 10,
      });
    }
  };
}
