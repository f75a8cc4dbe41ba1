// A small OpenAPI 3.1 registry. Each endpoint is declared once with the SAME zod schemas its
// route handler validates with (one source per shape); zod 4's z.toJSONSchema (JSON Schema 2020-12,
// OpenAPI 3.1's dialect) turns them into the document. No shape is typed twice.
import { z } from "zod";
import { ErrorBody } from "../common-schemas";
import type { AuthMode } from "../http";

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

export interface ResponseDef {
  description: string;
  /** omitted: no body (e.g. 204) */
  schema?: z.ZodType;
}

export interface EndpointDef {
  method: HttpMethod;
  /** OpenAPI style: /api/admin/users/{id} */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  auth: AuthMode;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** a text request body instead of JSON (route()'s `textBody`) */
  textBody?: { types: readonly string[]; description: string };
  /** success responses by status */
  responses: Record<number, ResponseDef>;
  /** error statuses beyond the ones derived from auth/params/query/body, with when they happen */
  errors?: Record<number, string>;
}

export function defineEndpoint(def: EndpointDef): EndpointDef {
  return def;
}

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const out = z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" }) as JsonSchema;
  delete out.$schema;
  return out;
}

function parameters(schema: z.ZodType | undefined, where: "path" | "query") {
  if (!schema) return [];
  const js = jsonSchema(schema, "input") as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(js.properties ?? {}).map(([name, s]) => {
    const { description, ...rest } = s as JsonSchema & { description?: string };
    return {
      name,
      in: where,
      required: where === "path" || (js.required ?? []).includes(name),
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

const ERROR_REF = { $ref: "#/components/schemas/Error" };
const errorResponse = (description: string) => ({ description, content: { "application/json": { schema: ERROR_REF } } });

/** Error statuses every endpoint of this shape can return (lib/http.ts). */
export function derivedErrors(e: EndpointDef): Record<number, string> {
  const errors: Record<number, string> = {};
  if (e.body || e.query || e.textBody) errors[400] = "validation_failed / invalid_json: the request does not match the schema";
  if (e.auth !== "none") errors[401] = "unauthenticated / token_invalid / token_expired / session_revoked";
  if (e.auth === "admin") errors[403] = "forbidden: admins only";
  if (e.params) errors[404] = "not_found: no such resource";
  if (e.body) {
    errors[413] = "payload_too_large: body over 64 KiB";
    errors[415] = "unsupported_media_type: send application/json";
  }
  if (e.textBody) {
    errors[413] = "payload_too_large: body over the route's limit";
    errors[415] = `unsupported_media_type: send ${e.textBody.types.join(" or ")} (UTF-8)`;
  }
  errors[500] = "internal_error";
  return errors;
}

/**
 * Every operation also documents "4XX": any refusal the table above does not list (e.g. one the
 * request gate or a rate limit adds) still has the one error shape, so a generated client can
 * always read `error.code`. It also keeps each new endpoint within the lint's "at least one 4xx".
 */
const ANY_CLIENT_ERROR = "any other refusal: the same error shape, with a machine-readable code";

function operation(e: EndpointDef) {
  const security =
    e.auth === "none" ? [] : [{ bearerAuth: [] }, { cookieAuth: [] }];
  const responses: Record<string, unknown> = {};
  for (const [status, r] of Object.entries(e.responses)) {
    responses[status] = r.schema
      ? { description: r.description, content: { "application/json": { schema: jsonSchema(r.schema, "output") } } }
      : { description: r.description };
  }
  for (const [status, why] of Object.entries({ ...derivedErrors(e), ...e.errors })) responses[status] = errorResponse(why);
  responses["4XX"] = errorResponse(ANY_CLIENT_ERROR);
  return {
    operationId: `${e.method}${e.path.replace(/\{(\w+)\}/g, "By_$1").replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ""))}`,
    summary: e.summary,
    ...(e.description ? { description: e.description } : {}),
    tags: [e.tag],
    security,
    parameters: [...parameters(e.params, "path"), ...parameters(e.query, "query")],
    ...(e.body ? { requestBody: { required: true, content: { "application/json": { schema: jsonSchema(e.body, "input") } } } } : {}),
    ...(e.textBody
      ? { requestBody: { required: true, description: e.textBody.description, content: Object.fromEntries(e.textBody.types.map((t) => [t, { schema: { type: "string" } }])) } }
      : {}),
    responses,
  };
}

export interface OpenApiInfo {
  title: string;
  version: string;
  description: string;
  /** where the API is served (the configured APP_URL) */
  serverUrl: string;
  license: { name: string; identifier?: string };
  /** a description per tag; a tag without one is described by its operations' summaries */
  tagDescriptions: Record<string, string>;
}

function tagObjects(endpoints: readonly EndpointDef[], descriptions: Record<string, string>) {
  const names = [...new Set(endpoints.map((e) => e.tag))];
  return names.map((name) => ({
    name,
    description:
      descriptions[name] ??
      endpoints
        .filter((e) => e.tag === name)
        .map((e) => e.summary)
        .join(". "),
  }));
}

export function buildOpenApiDocument(endpoints: readonly EndpointDef[], info: OpenApiInfo) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const e of endpoints) {
    const item = (paths[e.path] ??= {});
    if (item[e.method]) throw new Error(`OpenAPI: ${e.method.toUpperCase()} ${e.path} is declared twice`);
    item[e.method] = operation(e);
  }
  return {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: { title: info.title, version: info.version, description: info.description, license: info.license },
    servers: [{ url: info.serverUrl }],
    tags: tagObjects(endpoints, info.tagDescriptions),
    paths,
    components: {
      schemas: { Error: jsonSchema(ErrorBody, "output") },
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", bearerFormat: "JWT", description: "Access token from POST /api/auth/login (15 minutes)." },
        cookieAuth: { type: "apiKey", in: "cookie", name: "next-auth.session-token", description: "The web app's session cookie." },
      },
    },
  };
}

export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;
