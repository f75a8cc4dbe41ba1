// next-auth's own endpoints (csrf, session, callback/credentials, signout, signin/oidc). The account API's
// static routes (/api/auth/login, /signup, …) take precedence over this catch-all; any other
// path under it is a JSON 404 (lib/auth/next-auth-endpoints.ts).
import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { isNextAuthEndpoint, isSsoEndpoint } from "@/lib/auth/next-auth-endpoints";
import { withSsoFailures } from "@/lib/auth/sso/sso-failure";
import { contextFromHeaders } from "@/lib/context";
import { authOptions } from "@/lib/auth/next-auth";
import { unknownApiPath } from "@/lib/http";

type Context = { params: Promise<{ nextauth: string[] }> };

async function handler(req: NextRequest, context: Context): Promise<Response> {
  const { nextauth } = await context.params;
  if (!isNextAuthEndpoint(req.method, nextauth)) return unknownApiPath(req);
  const run = () => NextAuth(req, context, authOptions()) as Promise<Response>;
  return isSsoEndpoint(nextauth) ? withSsoFailures(req, () => contextFromHeaders(req.headers), run) : run();
}

export { handler as GET, handler as POST };
