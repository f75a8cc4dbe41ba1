// POST /api/auth/signup/course: a student waiting for approval gives a course's join code on the
// waiting page (docs/courses.md#students-not-on-the-roster). Their request then names the course
// — its instructors decide, approving enrols them — and waits until the course's next session
// ends instead of the usual 3 minutes. One conditional update decides: the request must still be
// pending and live, and name no course or already this one, so parallel sends change it once.
import { recordAudit } from "../audit/record";
import type { Ctx } from "../context";
import { AppError } from "../errors";
import { JOIN_ATTEMPTS_IP } from "../courses/join-course";
import { resolveJoinCode } from "../courses/resolve-join-code";
import { enforce } from "../rate-limit/limit";
import { transact } from "../transact";
import { isApprovalExpired } from "./approval-expiry";
import { presentApproval } from "./present";
import { signupWaitsUntil } from "./signup-window";
import { verifyStatusToken } from "./status-token";

const courseSelect = { course: { select: { id: true, code: true, title: true } } } as const;

export async function nameSignupCourse(ctx: Ctx, statusToken: string, joinCode: string) {
  const requestId = verifyStatusToken(statusToken, ctx.config.SECRET_KEY);
  if (!requestId) throw new AppError("status_token_invalid", "This status link is not valid; log in or sign up again.");
  await enforce(ctx, JOIN_ATTEMPTS_IP, ctx.ip, "Too many join codes tried from this network. Try again in a few minutes.");
  const course = await resolveJoinCode(ctx.db, joinCode);
  const now = ctx.clock.now();
  const changed = await transact(ctx, async (tx) => {
    const expiresAt = await signupWaitsUntil(tx, course.id, now, ctx.config.APPROVAL_TIMEOUT_MINUTES);
    const { count } = await tx.approvalRequest.updateMany({
      where: { id: requestId, status: "pending", expiresAt: { gt: now }, courseId: null },
      // never shorter than what the request already had
      data: { courseId: course.id, expiresAt },
    });
    if (count === 1) {
      await recordAudit(tx, ctx, { action: "signup_course_named", targetType: "approval_request", targetId: requestId, details: { course_id: course.id, course_code: course.code, expires_at: expiresAt.toISOString() } });
    }
    return count === 1;
  });
  const request = await ctx.db.approvalRequest.findUnique({ where: { id: requestId }, include: courseSelect });
  if (!request) throw new AppError("status_token_invalid", "This status link is not valid; log in or sign up again.");
  if (!changed) {
    if (isApprovalExpired(request, now)) throw new AppError("approval_expired", "This signup request has expired; sign up again.", { expires_at: request.expiresAt.toISOString() });
    if (request.status !== "pending") throw new AppError("approval_already_decided", `This request was already ${request.status}.`, { status: request.status });
    if (request.courseId !== course.id) throw new AppError("conflict", "This request already names another course. Ask that course's instructor, or sign up again with the other code.");
  }
  return { course_named: changed, approval_request: presentApproval(request, now) };
}
