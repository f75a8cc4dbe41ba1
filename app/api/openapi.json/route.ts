import { Reply, route } from "@/lib/http";
import { openApiDocument } from "@/lib/openapi/document";

export const GET = route({ auth: "none" }, () => new Reply(openApiDocument(), 200, { "cache-control": "public, max-age=300" }));
