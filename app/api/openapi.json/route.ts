import { getConfig } from "@/lib/config";
import { Reply, route } from "@/lib/http";
import { openApiDocument } from "@/lib/openapi/document";

export const GET = route({ operation: "GET /api/openapi.json" }, () =>
  new Reply(openApiDocument(getConfig().APP_URL), 200, { "cache-control": "public, max-age=300" }),
);
