// The one adapter between HTTP and the use cases: parse and validate input with zod,
// authenticate and authorize, run the handler, and turn every error into the one shape
// {"error":{"code","message","details"}}. Nothing else builds error responses.
import { NextResponse, type NextRequest } from "next/server";
import { heavyRead } from "./heavy-reads";
import { z } from "zod";
import { authenticate, passwordChangeRequired, type AuthUser } from "./auth/authenticate";
import { authorizeRule } from "./auth/authorize";
import { locatesFromBody, OPERATIONS, type OperationKey } from "./auth/operations";
import { contextFromHeaders, type Ctx } from "./context";
import { AppError, databaseBusy, isDatabaseBusy, unauthenticated } from "./errors";
import { errorFields, log } from "./log";
import { recordTiming, type TimedMetric } from "./metrics/recorder";
import { noteRequestUser } from "./server/request-log";

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

/** The handler's user: null for public operations, else the signed-in caller the policy allowed. */
type UserFor<K extends OperationKey> = (typeof OPERATIONS)[K] extends { access: "public" } ? null : AuthUser;

export interface RouteOptions<K extends OperationKey, P, Q, B> {
  /**
   * The operation's row in the policy table (lib/auth/operations.ts), "METHOD /path" as in the
   * OpenAPI document: who may call it and in which course is checked before the handler runs.
   */
  operation: K;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  /** accept a file of these media types instead of JSON (e.g. ["text/csv"]): the handler gets its bytes as `bytes`, undecoded (a charset parameter is not trusted: the use case detects the encoding) */
  fileBody?: readonly string[];
  maxBodyBytes?: number;
  /** record this route's latency for the live metrics (requests that reached the handler) */
  metric?: Extract<TimedMetric, "login" | "mark">;
  /**
   * allowed to a user who must change the given password first (the quick start's bootstrap
   * admin): changing it, reading who one is, signing out. Every other route answers 403
   * password_change_required until it is done.
   */
  beforePasswordChange?: boolean;
  /** an expensive read (export, import): runs only while one of the instance's slots is free, else 503 busy (lib/heavy-reads.ts) */
  heavy?: boolean;
}

export interface HandlerArgs<K extends OperationKey, P, Q, B> {
  req: NextRequest;
  ctx: Ctx;
  user: UserFor<K>;
  params: P;
  query: Q;
  body: B;
  /** the raw body when the route takes `fileBody`, else empty */
  bytes: Buffer;
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
  if (isDatabaseBusy(error)) {
    log("warn", "database busy", { requestId, ...errorFields(error) });
    error = databaseBusy();
  }
  if (error instanceof AppError) {
    return NextResponse.json(errorBody(error.code, error.message, error.clientDetails()), {
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
  return (await readBodyBytes(req, limit)).toString("utf8");
}

/** Read the body's bytes, refusing more than `limit` without buffering it all. */
export async function readBodyBytes(req: Request, limit: number): Promise<Buffer> {
  const declared = Number(req.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  if (!req.body) return Buffer.alloc(0);
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
  return Buffer.concat(chunks);
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

/**
 * Read a file body of one of `types` as bytes. A charset parameter is ignored on purpose: a
 * browser or script labels a spreadsheet's file "UTF-8" whatever it holds, so the use case
 * detects the encoding from the bytes (lib/text/decode-text-file.ts).
 */
export async function parseFileBody(req: Request, types: readonly string[], limit: number): Promise<Buffer> {
  const media = (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (!types.includes(media)) throw new AppError("unsupported_media_type", `Send the file as the request body with Content-Type ${types.join(" or ")}.`);
  return readBodyBytes(req, limit);
}

export function queryObject(url: URL): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const all = url.searchParams.getAll(key);
    out[key] = all.length === 1 ? all[0]! : all;
  }
  return out;
}

/** Wrap a use case as a route handler. Route files stay a few lines long (docs/design.md#code-layout). */
export function route<K extends OperationKey, P = Record<string, never>, Q = Record<string, never>, B = undefined>(
  options: RouteOptions<K, P, Q, B>,
  handler: (args: HandlerArgs<K, P, Q, B>) => Promise<unknown> | unknown,
) {
  const rule = OPERATIONS[options.operation];
  const bodyFirst = locatesFromBody(rule);
  return async (req: NextRequest, segment?: Segment): Promise<Response> => {
    const started = performance.now();
    let requestId = "-";
    let status = 500;
    let handled = false;
    let userId: string | null = null;
    try {
      const ctx = await contextFromHeaders(req.headers);
      requestId = ctx.requestId;
      const user = rule.access === "public" ? null : await authenticate(req, ctx);
      userId = user?.id ?? null;
      if (rule.access !== "public" && !user) throw unauthenticated();
      // the quick start's admin: nothing but the password change until it is done (docs/authentication.md#the-bootstrap-admin)
      if (user?.mustChangePassword && !options.beforePasswordChange) throw passwordChangeRequired();
      const rawParams = segment ? await segment.params : {};
      const params = options.params ? options.params.safeParse(rawParams) : { success: true as const, data: {} as P };
      if (!params.success) throw validationError(params.error, "params");
      // the policy decides before the query and body are read — except when the body names the course
      if (!bodyFirst) await authorizeRule(ctx, user, rule, params.data as Record<string, unknown>, undefined);
      const url = new URL(req.url);
      const query = options.query ? options.query.safeParse(queryObject(url)) : { success: true as const, data: {} as Q };
      if (!query.success) throw validationError(query.error, "query");

      let body = undefined as B;
      let bytes: Buffer = Buffer.alloc(0);
      if (options.fileBody) bytes = await parseFileBody(req, options.fileBody, options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
      else if (options.body) {
        const raw = await parseJsonBody(req, options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
        const parsed = options.body.safeParse(raw ?? {});
        if (!parsed.success) throw validationError(parsed.error, "body");
        body = parsed.data;
      }
      if (bodyFirst) await authorizeRule(ctx, user, rule, params.data as Record<string, unknown>, body);

      handled = true;
      const run = () => Promise.resolve(handler({ req, ctx, user: user as UserFor<K>, params: params.data, query: query.data, body, bytes }));
      const result = await (options.heavy ? heavyRead(ctx, run) : run());
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
      // server.ts writes the request's one log line; it learns the user here (lib/server/request-log.ts)
      if (!noteRequestUser(userId)) {
        log("info", "request", { request_id: requestId, method: req.method, route: new URL(req.url).pathname, status, duration_ms: Math.round(ms * 10) / 10, user_id: userId });
      }
    }
  };
}
