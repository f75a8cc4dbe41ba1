import { route } from "@/lib/http";
import { listOutbox } from "@/lib/mail/list-outbox";
import { OutboxQuery } from "@/lib/mail/schemas";

export const GET = route({ operation: "GET /api/admin/outbox", query: OutboxQuery }, ({ ctx, query }) => listOutbox(ctx, query));
