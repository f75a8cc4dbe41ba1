import type { Metadata } from "next";
import { Scanner } from "@/components/scanner/Scanner";
import { requirePageUser } from "@/lib/auth/current-user";
import { scannerCodeUrl } from "@/lib/qr/join-address";

export const metadata: Metadata = { title: "Scan" };

type Search = Promise<Record<string, string | string[] | undefined>>;

/** /scan, or /scan?type=1[&code=K7HQ3D] from the projector's short address (/c): the code field first. */
export default async function ScanPage({ searchParams }: { searchParams: Search }) {
  const q = await searchParams;
  const typeCode = q.type === "1";
  const code = typeof q.code === "string" ? q.code : undefined;
  // after logging in, come back to the same field with the same code
  await requirePageUser("student", typeCode ? scannerCodeUrl(code) : "/scan");
  const initial = typeCode ? new URLSearchParams(scannerCodeUrl(code).split("?")[1]).get("code") ?? "" : "";
  return (
    <div className="space-y-4">
      <h1 className="text-center text-2xl font-bold">{typeCode ? "Type the code on the screen" : "Scan the code"}</h1>
      <Scanner typeCode={typeCode} initialCode={initial} />
    </div>
  );
}
