import { buildOpenApiDocument, type OpenApiDocument } from "./registry";
import { ENDPOINTS } from "./endpoints";

let cached: OpenApiDocument | undefined;

/** The API's OpenAPI 3.1 document (built once per process). */
export function openApiDocument(): OpenApiDocument {
  cached ??= buildOpenApiDocument(ENDPOINTS, {
    title: "Rollcall API",
    version: "1.0.0",
    description:
      "QR-code attendance. JSON bodies with snake_case fields; errors are {\"error\":{\"code\",\"message\",\"details\"}}. " +
      "Authenticate with `Authorization: Bearer <access token>` from POST /api/auth/login.",
  });
  return cached;
}
