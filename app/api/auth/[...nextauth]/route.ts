// next-auth's own endpoints (csrf, session, callback/credentials, signout). The account API's
// static routes (/api/auth/login, /signup, …) take precedence over this catch-all.
import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/next-auth";

type Context = { params: Promise<{ nextauth: string[] }> };

function handler(req: NextRequest, context: Context): Promise<Response> {
  return NextAuth(req, context, authOptions());
}

export { handler as GET, handler as POST };
