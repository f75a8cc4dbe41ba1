// One rotation of the projected code: a new qr_sessions row with a fresh 128-bit nonce, signed.
// Older codes stay valid until they expire, so two projector tabs never invalidate each other.
import { transact } from "../transact";
import { recordAudit } from "../audit/record";
import { addSeconds } from "../clock";
import type { Ctx } from "../context";
import { openCheckin } from "../events/set-checkin";
import { shortCode, shortId } from "../random";
import type { QrSessionOut } from "./schemas";
import { assertKeyUsable, signingSecret } from "./signing-keys";
import { encodeQrToken, qrUrl } from "./token";

export async function issueQrSession(ctx: Ctx, actorId: string, eventId: string): Promise<QrSessionOut> {
  // whole seconds: the token carries issued-at in seconds
  const issuedAt = new Date(Math.floor(ctx.clock.now().getTime() / 1000) * 1000);
  const lifetime = ctx.config.QR_EXPIRY_SECONDS;
  const expiresAt = addSeconds(issuedAt, lifetime);
  const nonce = ctx.random.bytes(16);
  const id = shortId(ctx.random);
  const code = shortCode(ctx.random);
  const key = await signingSecret(ctx);
  const payload = encodeQrToken({ qrSessionId: id, eventId, nonce, issuedAt, lifetimeSeconds: lifetime }, key.secret);
  const { event, count } = await transact(ctx, async (tx) => {
    await assertKeyUsable(tx, key.keyId, issuedAt);
    // an integrator's bare POST /api/admin/qr-sessions starts check-in; a stopped or ended event refuses
    const event = await openCheckin(tx, ctx, actorId, eventId, false);
    await tx.qrSession.create({
      data: { id, eventId, nonce: nonce.toString("base64url"), shortCode: code, issuedAt, expiresAt, keyId: key.keyId, createdById: actorId },
    });
    await recordAudit(tx, ctx, { action: "qr_issued", actorId, targetType: "qr_session", targetId: id, details: { event_id: eventId } });
    const count = await tx.attendanceRecord.count({ where: { eventId } });
    return { event, count };
  });
  return {
    id,
    event_id: eventId,
    qr_payload: payload,
    qr_url: qrUrl(ctx.config.APP_URL, payload),
    short_code: code,
    issued_at: issuedAt.toISOString(),
    expires_at: expiresAt.toISOString(),
    server_time: ctx.clock.now().toISOString(),
    rotation_seconds: ctx.config.QR_ROTATION_SECONDS,
    checkin_ends_at: event.endsAt.toISOString(),
    attendance_count: count,
  };
}
