import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Projector } from "@/components/qr/Projector";
import { requirePageCapability } from "@/lib/auth/current-user";
import { getCheckinStatus } from "@/lib/events/checkin-status";
import { isAppError } from "@/lib/errors";
import { appUrlWarning, joinAddress } from "@/lib/qr/join-address";

export const metadata: Metadata = { title: "Projector" };

export default async function PresentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { ctx } = await requirePageCapability("checkin:run", { eventId: id }, `/admin/events/${id}/present`);
  if (!/^[0-9A-Za-z]{12}$/.test(id)) notFound();
  const status = await getCheckinStatus(ctx, id).catch((e: unknown) => {
    if (isAppError(e) && e.status === 404) notFound();
    throw e;
  });
  return (
    <Projector
      eventId={id}
      title={status.title}
      initialState={status.checkin_state}
      rotationSeconds={status.rotation_seconds}
      joinAddress={joinAddress(ctx.config.APP_URL).shown}
      appUrlWarning={appUrlWarning(ctx.config.APP_URL, ctx.config.APP_ENV)}
    />
  );
}
