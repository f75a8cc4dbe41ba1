import type { Metadata } from "next";
import { PendingStatus } from "@/components/auth/PendingStatus";

export const metadata: Metadata = { title: "Waiting for approval" };

export default function PendingPage() {
  return (
    <div className="mx-auto max-w-md space-y-6">
      <h1 className="text-2xl font-bold">Waiting for approval</h1>
      <PendingStatus />
    </div>
  );
}
