// Security headers for every page response (placeholder: the oversight issue fills it in).
import type { NextRequest, NextResponse } from "next/server";

export function applySecurityHeaders(_request: NextRequest, response: NextResponse): NextResponse {
  return response;
}
