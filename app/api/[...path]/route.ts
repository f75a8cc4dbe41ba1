// Any path under /api/ that no other route file answers: a JSON 404 `not_found`, never Next's
// HTML page. Not an endpoint, so not in the OpenAPI document.
import { unknownApiPath } from "@/lib/http";

export const dynamic = "force-dynamic";

const handler = (req: Request) => unknownApiPath(req);

export { handler as GET, handler as POST, handler as PUT, handler as PATCH, handler as DELETE };
