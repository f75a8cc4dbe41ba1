import { getConfig } from "@/lib/config";
import { Reply, route } from "@/lib/http";
import { openApiDocument } from "@/lib/openapi/document";

export const GET = route({ auth: "none" }, () =>
  new Reply(openApiDocument(getConfig().APP_URL), 200, { "cache-control": "public, max-age=300" }),
);
