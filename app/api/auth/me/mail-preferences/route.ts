import { EmptyQuery } from "@/lib/common-schemas";
import { route } from "@/lib/http";
import { getMailPreferences, setMailPreferences } from "@/lib/mail/mail-preferences";
import { MailPreferencesBody } from "@/lib/mail/schemas";

export const GET = route({ operation: "GET /api/auth/me/mail-preferences", query: EmptyQuery }, ({ ctx, user }) => getMailPreferences(ctx, user));
export const PUT = route({ operation: "PUT /api/auth/me/mail-preferences", body: MailPreferencesBody }, ({ ctx, user, body }) => setMailPreferences(ctx, user, body));
