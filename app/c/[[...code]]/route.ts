// The short join address the projector shows ("No camera? Go to <host>/c and type K7HQ3D"):
// opens the scanner with its code field ready, filled when the code is in the path (/c/K7HQ3D).
import { scannerCodeUrl } from "@/lib/qr/join-address";

export const dynamic = "force-dynamic";

export async function GET(_req: Request, { params }: { params: Promise<{ code?: string[] }> }) {
  const { code } = await params;
  return new Response(null, { status: 303, headers: { location: scannerCodeUrl(code?.[0]), "cache-control": "no-store" } });
}
