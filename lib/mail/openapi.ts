// Outgoing-mail endpoints for the OpenAPI document, declared with the same schemas the route
// handlers validate with. Spread MAIL_ENDPOINTS into lib/openapi/endpoints.ts.
import { EmptyQuery } from "../common-schemas";
import type { EndpointDef } from "../openapi/registry";
import { MailPreferencesBody, MailPreferencesOut, OutboxPage, OutboxQuery, UnsubscribeOut, UnsubscribeQuery } from "./schemas";

export const MAIL_ENDPOINTS: readonly EndpointDef[] = [
  {
    method: "get", path: "/api/admin/outbox", tag: "Admin: operations",
    summary: "Outgoing mail: every message with its state, attempts and last error, newest first",
    description:
      "With no SMTP_URL, mail waits here (pending) to be read. Bodies of messages that hold a sign-in link or code (verification, password reset) are never returned: `text` is null for them.",
    query: OutboxQuery,
    responses: { 200: { description: "A page of messages and the outbox summary", schema: OutboxPage } },
  },
  {
    method: "get", path: "/api/auth/me/mail-preferences", tag: "Mail",
    summary: "Which notice mails you get (account mail always arrives)",
    query: EmptyQuery,
    responses: { 200: { description: "Your switches", schema: MailPreferencesOut } },
  },
  {
    method: "put", path: "/api/auth/me/mail-preferences", tag: "Mail",
    summary: "Switch notice mails on or off",
    body: MailPreferencesBody,
    responses: { 200: { description: "Your switches after the change", schema: MailPreferencesOut } },
  },
  {
    method: "post", path: "/api/mail/unsubscribe", tag: "Mail",
    summary: "One-click unsubscribe (RFC 8058) from the link in a notice mail's List-Unsubscribe header",
    description: "Mail clients POST `List-Unsubscribe=One-Click` here without cookies; the body is ignored. The token names one user and one notice mail and can only switch that mail off.",
    query: UnsubscribeQuery,
    responses: { 200: { description: "That mail is switched off (also when it already was)", schema: UnsubscribeOut } },
    errors: { 401: "token_invalid: not an unsubscribe link of this server" },
  },
];
