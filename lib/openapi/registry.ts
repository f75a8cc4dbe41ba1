// A small OpenAPI 3.1 registry. Each endpoint is declared once with the SAME zod schemas its
// route handler validates with (one source per shape); zod 4's z.toJSONSchema (JSON Schema 2020-12,
// OpenAPI 3.1's dialect) turns them into the document. No shape is typed twice.
import { z } from "zod";
import { ErrorBody } from "../common-schemas";
import { CAPABILITIES } from "../auth/policy";
import { ruleOf, type Rule } from "../auth/operations";
import { whoMay } from "../auth/policy-table";

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

export interface ResponseDef {
  description: string;
  /** omitted: no body (e.g. 204) */
  schema?: z.ZodType;
  /** a file download instead of JSON (e.g. text/csv): the body's media type */
  mediaType?: string;
  /** answers in any of these media types, shape not described (a library's own endpoints) */
  mediaTypes?: readonly string[];
}

export interface EndpointDef {
  method: HttpMethod;
  /** OpenAPI style: /api/admin/users/{id} */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** a file as the request body instead of JSON (route()'s `fileBody`; its encoding is detected from the bytes) */
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

/** Finds an endpoint's rule by "METHOD /path"; the document uses the policy table's. */
export type RuleLookup = (key: string) => Rule | undefined;

/** The endpoint's row in the policy table (lib/auth/operations.ts); an endpoint without one is an error. */
export function ruleFor(e: Pick<EndpointDef, "method" | "path">, rules: RuleLookup = ruleOf): Rule {
  const rule = rules(`${e.method.toUpperCase()} ${e.path}`);
  if (!rule) throw new Error(`OpenAPI: ${e.method.toUpperCase()} ${e.path} has no row in the policy table (lib/auth/operations.ts)`);
  return rule;
}

/** Error statuses every endpoint of this shape can return (lib/http.ts). */
export function derivedErrors(e: EndpointDef, rule: Rule): Record<number, string> {
  const errors: Record<number, string> = {};
  if (e.body || e.query || e.textBody) errors[400] = "validation_failed / invalid_json: the request does not match the schema";
  if (rule.access !== "public") errors[401] = "unauthenticated / token_invalid / token_expired / session_revoked";
  if (rule.access === "capability") errors[403] = `forbidden: your role does not allow ${rule.can} (${CAPABILITIES[rule.can]})`;
  if (rule.access !== "public") errors[403] = `${errors[403] ? `${errors[403]}; ` : ""}password_change_required: the quick start's admin must change the given password first`;
  if (e.params) errors[404] = "not_found: no such resource";
  if (rule.access === "capability" && "in" in rule) errors[404] = "not_found (or the resource's own *_not_found code): no such resource, or one in a course you have no part in";
  if (e.body) {
    errors[413] = "payload_too_large: body over 64 KiB";
    errors[415] = "unsupported_media_type: send application/json";
  }
  if (e.textBody) {
    errors[413] = "payload_too_large: body over the route's limit";
    errors[415] = `unsupported_media_type: send ${e.textBody.types.join(" or ")}`;
  }
  errors[500] = "internal_error";
  errors[503] = "service_unavailable: the database was too busy to answer in time; retry after Retry-After";
  return errors;
}

/**
 * Every operation also documents "4XX": any refusal the table above does not list (e.g. one the
 * request gate or a rate limit adds) still has the one error shape, so a generated client can
 * always read `error.code`. It also keeps each new endpoint within the lint's "at least one 4xx".
 */
const ANY_CLIENT_ERROR = "any other refusal: the same error shape, with a machine-readable code";

/** "Who may call it", from the policy table, appended to each operation's description. */
function whoLine(rule: Rule): string {
  return `Who may call it: ${whoMay(rule)}.`;
}

function operation(e: EndpointDef, rule: Rule) {
  const security = rule.access === "public" ? [] : [{ bearerAuth: [] }, { cookieAuth: [] }];
  const responses: Record<string, unknown> = {};
  for (const [status, r] of Object.entries(e.responses)) {
    responses[status] = r.mediaTypes
      ? { description: r.description, content: Object.fromEntries(r.mediaTypes.map((t) => [t, {}])) }
      : r.mediaType
      ? { description: r.description, content: { [r.mediaType]: { schema: { type: "string", contentMediaType: r.mediaType } } } }
      : r.schema
        ? { description: r.description, content: { "application/json": { schema: jsonSchema(r.schema, "output") } } }
        : { description: r.description };
  }
  // an endpoint's own reasons come first; a status both list keeps both (e.g. 503 busy and 503 service_unavailable)
  const derived = derivedErrors(e, rule);
  const own = e.errors ?? {};
  for (const status of new Set([...Object.keys(derived), ...Object.keys(own)].map(Number))) {
    responses[status] = errorResponse([own[status], derived[status]].filter(Boolean).join("; "));
  }
  responses["4XX"] = errorResponse(ANY_CLIENT_ERROR);
  return {
    operationId: `${e.method}${e.path.replace(/\{(\w+)\}/g, "By_$1").replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ""))}`,
    summary: e.summary,
    description: e.description ? `${e.description}\n\n${whoLine(rule)}` : whoLine(rule),
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

export function buildOpenApiDocument(endpoints: readonly EndpointDef[], info: OpenApiInfo, rules: RuleLookup = ruleOf) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const e of endpoints) {
    const item = (paths[e.path] ??= {});
    if (item[e.method]) throw new Error(`OpenAPI: ${e.method.toUpperCase()} ${e.path} is declared twice`);
    item[e.method] = operation(e, ruleFor(e, rules));
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
