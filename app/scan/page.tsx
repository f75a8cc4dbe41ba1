import type { Metadata } from "next";
import { Scanner } from "@/components/scanner/Scanner";
import { requirePageUser } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "Scan" };

export default async function ScanPage() {
  await requirePageUser("student", "/scan");
  return (
    <div className="space-y-4">
      <h1 className="text-center text-2xl font-bold">Scan the code</h1>
      <Scanner />
    </div>
  );
}
