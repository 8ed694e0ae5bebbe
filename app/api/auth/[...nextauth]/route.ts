// GET|POST /api/auth/* - next-auth sign-in, sign-out, session and CSRF endpoints.
import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { buildAuthOptions } from "@/lib/auth/options";

type RouteContext = { params: Promise<{ nextauth: string[] }> };

// Built per request: the single sign-on provider follows the Sign-in settings without a restart.
async function handler(request: NextRequest, context: RouteContext) {
  return NextAuth(request, context, await buildAuthOptions());
}

export { handler as GET, handler as POST };
