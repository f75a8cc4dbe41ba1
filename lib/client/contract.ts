// The endpoints the browser calls, each with the SAME zod schemas its route handler validates
// with and its use case returns (also the OpenAPI document's: contract.test.ts checks they are
// identical objects). The browser imports only the TYPE of this table (call-api.ts), so zod
// never ships to phones; request and response types come from the schemas, never by hand.
import type { z } from "zod";
import { ApprovalListOut, ApprovalListQuery, BulkDecisionBody, BulkDecisionOut, DecisionBody, DecisionOut, MeOut, SignupBody, SignupOut, SignupStatusBody, SignupStatusOut, SignupCourseBody, SignupCourseOut } from "../accounts/schemas";
import { ChangePasswordBody, PasswordChangedOut, PasswordResetBody, PasswordResetConfirmBody, PasswordResetOut, ResendVerificationBody, ResendVerificationOut, VerifyEmailBody, VerifyEmailOut } from "../accounts/schemas";
import { AlreadyMarkedOut, BulkMarkInput, BulkMarkOut, ManualMarkInput, MarkedOut, MarkInput, RosterAnswerOut, RosterEntryOut, RosterQuery, UnmarkInput, UnmarkOut } from "../attendance/schemas";
import { CheckinQuery, CheckinStatusOut, DeleteEventOut, DeleteEventQuery, EventCreateInput, EventOut, EventPatchInput } from "../events/schemas";
import { EmptyQuery } from "../common-schemas";
import { ROSTER_MEDIA_TYPES } from "../courses/parse-roster-csv";
import {
  CourseCreateInput, CourseOut, InviteInput, InviteOut, CoursePatchInput, DeleteCourseOut, DeleteCourseQuery, DropOut, EnrollInput, EnrollOut, ImportOut, ImportQuery, JoinCodeInput,
  JoinCodeOut, JoinInput, JoinOut, SessionSeriesInput, SessionSeriesOut, StaffAddOut, StaffInput, StaffList, StaffRemoveOut,
} from "../courses/schemas";
import { PeopleOut, PeopleQuery } from "../people/schemas";
import { UserListQuery, UserPage } from "../users/schemas";
import { MetricsOut } from "../metrics/schemas";
import { MailPreferencesBody, MailPreferencesOut, UnsubscribeOut, UnsubscribeQuery } from "../mail/schemas";
import { MarkAllReadResult, MarkReadResult, NotificationList, NotificationListQuery } from "../notifications/schemas";
import { IssueQrSessionInput, QrSessionOut, RevokedCountOut } from "../qr/schemas";
import { StepUpBody, StepUpOut } from "../auth/step-up-schemas";
import { CreationOptionsOut, DeletedOut, PasskeyListOut, PasskeyResult, RegisterVerifyBody, RenamePasskeyBody, RequestOptionsOut } from "../passkeys/schemas";

export interface ContractEntry {
  body?: z.ZodType;
  /** the media types of a file body (e.g. a CSV file), for endpoints that take a file instead of JSON */
  text?: readonly [string, ...string[]];
  query?: z.ZodType;
  /** every success body the endpoint can answer (by status in the OpenAPI document) */
  responses: readonly z.ZodType[];
}

export const CONTRACT = {
  // accounts
  "GET /api/auth/me": { responses: [MeOut] },
  "POST /api/auth/signup": { body: SignupBody, responses: [SignupOut] },
  "POST /api/auth/signup/status": { body: SignupStatusBody, responses: [SignupStatusOut] },
  "POST /api/auth/signup/course": { body: SignupCourseBody, responses: [SignupCourseOut] },
  "POST /api/auth/verify-email": { body: VerifyEmailBody, responses: [VerifyEmailOut] },
  "POST /api/auth/verify-email/resend": { body: ResendVerificationBody, responses: [ResendVerificationOut] },
  "POST /api/auth/password-reset": { body: PasswordResetBody, responses: [PasswordResetOut] },
  "POST /api/auth/password-reset/confirm": { body: PasswordResetConfirmBody, responses: [PasswordChangedOut] },
  "POST /api/auth/change-password": { body: ChangePasswordBody, responses: [PasswordChangedOut] },
  "GET /api/admin/approval-requests": { query: ApprovalListQuery, responses: [ApprovalListOut] },
  "POST /api/admin/approval-requests/{id}/decide": { body: DecisionBody, responses: [DecisionOut] },
  "POST /api/admin/approval-requests/decide-bulk": { body: BulkDecisionBody, responses: [BulkDecisionOut] },
  "GET /api/admin/users": { query: UserListQuery, responses: [UserPage] },
  // events and check-in
  "POST /api/events": { body: EventCreateInput, responses: [EventOut] },
  "PATCH /api/events/{id}": { body: EventPatchInput, responses: [EventOut] },
  "DELETE /api/events/{id}": { query: DeleteEventQuery, responses: [DeleteEventOut] },
  "GET /api/events/{id}/checkin": { query: CheckinQuery, responses: [CheckinStatusOut] },
  "POST /api/events/{id}/checkin/start": { responses: [EventOut] },
  "POST /api/events/{id}/checkin/stop": { responses: [EventOut] },
  "POST /api/events/{id}/qr-sessions/revoke": { responses: [RevokedCountOut] },
  "POST /api/admin/qr-sessions": { body: IssueQrSessionInput, responses: [QrSessionOut] },
  // courses
  "POST /api/courses": { body: CourseCreateInput, responses: [CourseOut] },
  "PATCH /api/courses/{id}": { body: CoursePatchInput, responses: [CourseOut] },
  "DELETE /api/courses/{id}": { query: DeleteCourseQuery, responses: [DeleteCourseOut] },
  "POST /api/courses/{id}/enrollments": { body: EnrollInput, responses: [EnrollOut] },
  "DELETE /api/courses/{id}/enrollments/{enrollment_id}": { responses: [DropOut] },
  "POST /api/courses/{id}/enrollments/import": { query: ImportQuery, text: ROSTER_MEDIA_TYPES, responses: [ImportOut] },
  "POST /api/courses/{id}/join-code": { body: JoinCodeInput, responses: [JoinCodeOut] },
  "POST /api/courses/{id}/invitations": { body: InviteInput, responses: [InviteOut] },
  "POST /api/courses/join": { body: JoinInput, responses: [JoinOut] },
  "POST /api/courses/{id}/sessions": { body: SessionSeriesInput, responses: [SessionSeriesOut] },
  "GET /api/courses/{id}/staff": { responses: [StaffList] },
  "POST /api/courses/{id}/staff": { body: StaffInput, responses: [StaffAddOut] },
  "DELETE /api/courses/{id}/staff/{user_id}": { responses: [StaffRemoveOut] },
  "GET /api/people": { query: PeopleQuery, responses: [PeopleOut] },
  // attendance
  "POST /api/attendance/mark": { body: MarkInput, responses: [MarkedOut, AlreadyMarkedOut] },
  "GET /api/events/{id}/attendance": { query: RosterQuery, responses: [RosterAnswerOut] },
  "POST /api/events/{id}/attendance": { body: ManualMarkInput, responses: [RosterEntryOut] },
  "POST /api/events/{id}/attendance/unmark": { body: UnmarkInput, responses: [UnmarkOut] },
  "POST /api/events/{id}/attendance/bulk": { body: BulkMarkInput, responses: [BulkMarkOut] },
  // passkeys and step-up (signing in with a passkey goes through next-auth: signIn("passkey"))
  "GET /api/auth/passkeys": { responses: [PasskeyListOut] },
  "PATCH /api/auth/passkeys/{id}": { body: RenamePasskeyBody, responses: [PasskeyResult] },
  "DELETE /api/auth/passkeys/{id}": { responses: [DeletedOut] },
  "POST /api/auth/passkeys/register/options": { responses: [CreationOptionsOut] },
  "POST /api/auth/passkeys/register/verify": { body: RegisterVerifyBody, responses: [PasskeyResult] },
  "POST /api/auth/passkeys/login/options": { responses: [RequestOptionsOut] },
  "POST /api/auth/step-up/options": { responses: [RequestOptionsOut] },
  "POST /api/auth/step-up": { body: StepUpBody, responses: [StepUpOut] },
  // notifications and the dashboard
  "GET /api/notifications": { query: NotificationListQuery, responses: [NotificationList] },
  "POST /api/notifications/{id}/read": { responses: [MarkReadResult] },
  "POST /api/notifications/read-all": { responses: [MarkAllReadResult] },
  "GET /api/admin/metrics": { query: EmptyQuery, responses: [MetricsOut] },
  // mail
  "GET /api/auth/me/mail-preferences": { query: EmptyQuery, responses: [MailPreferencesOut] },
  "PUT /api/auth/me/mail-preferences": { body: MailPreferencesBody, responses: [MailPreferencesOut] },
  "POST /api/mail/unsubscribe": { query: UnsubscribeQuery, responses: [UnsubscribeOut] },
} as const satisfies Record<string, ContractEntry>;

export type Contract = typeof CONTRACT;
export type EndpointKey = keyof Contract;
