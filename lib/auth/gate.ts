// The request gate's access rule for pages (placeholder: the accounts issue fills it in).
// Returns a redirect response, or null to let the request through. Pages re-check on render.
import type { NextRequest, NextResponse } from "next/server";

export async function gatePage(_request: NextRequest): Promise<NextResponse | null> {
  return null;
}
