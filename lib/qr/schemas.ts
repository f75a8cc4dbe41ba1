import { z } from "zod";
import { ShortIdSchema } from "../events/schemas";

export const IssueQrSessionInput = z.strictObject({ event_id: ShortIdSchema });
export const QrSessionParams = z.strictObject({ id: ShortIdSchema });
