import { route } from "@/lib/http";
import { UnsubscribeQuery } from "@/lib/mail/schemas";
import { unsubscribe } from "@/lib/mail/unsubscribe";

// RFC 8058: mail clients POST "List-Unsubscribe=One-Click" with no cookies; the body is not read.
export const POST = route({ operation: "POST /api/mail/unsubscribe", query: UnsubscribeQuery }, ({ ctx, query }) => unsubscribe(ctx, query.token));
