import { DEFAULT_APP_URL } from "../config";
import pkg from "../../package.json";
import { buildOpenApiDocument, type OpenApiDocument } from "./registry";
import { ENDPOINTS } from "./endpoints";

/** What each group of operations is for (a tag missing here is described by its operations). */
const TAG_DESCRIPTIONS: Record<string, string> = {
  System: "Health and migration state for load balancers and monitoring, and this document.",
  Auth: "Sign-up and its approval status, login, token refresh, logout and the signed-in user; plus the web app's next-auth endpoints.",
  Attendance: "Students mark themselves present with a scanned QR payload or a typed short code (or complete a logged-out scan's receipt) and read their history.",
  Courses: "Courses, their staff (instructors and teaching assistants), roster, join code, sessions and reports: each course's own staff and admins.",
  Events: "Events and their check-in: create, edit, archive or delete, open and close check-in, the roster (also as CSV) and manual marks.",
  "QR codes": "Staff issue and revoke the rotating signed codes projected in the room.",
  Notifications: "Each user's notifications: list them, mark them read.",
  People: "Instructors and admins find accounts by name or email, to enrol a student or add course staff.",
  "Admin: approvals": "Admins, and the instructors of a course a signup names, decide pending sign-ups before they expire.",
  "Admin: users": "Admins search users, change a role or active state, and end a user's sessions.",
  "Admin: audit": "The append-only audit log and the suspicious-activity report.",
  "Admin: operations": "Live operational metrics against their targets.",
};

/**
 * The document's license, from package.json's "license": an SPDX expression as is, or npm's
 * "UNLICENSED" (no license granted: all rights reserved) as an SPDX LicenseRef.
 */
export function licenseObject(license: string): { name: string; identifier: string } {
  return license === "UNLICENSED"
    ? { name: "UNLICENSED: proprietary, no license is granted", identifier: "LicenseRef-UNLICENSED" }
    : { name: license, identifier: license };
}

const cache = new Map<string, OpenApiDocument>();

/** The API's OpenAPI 3.1 document for a server at `serverUrl` (the configured APP_URL), built once per URL. */
export function openApiDocument(serverUrl: string = DEFAULT_APP_URL): OpenApiDocument {
  let doc = cache.get(serverUrl);
  if (!doc) {
    doc = buildOpenApiDocument(ENDPOINTS, {
      title: "Rollcall API",
      version: "1.0.0",
      description:
        "QR-code attendance. JSON bodies with snake_case fields; errors are {\"error\":{\"code\",\"message\",\"details\"}}. " +
        "Authenticate with `Authorization: Bearer <access token>` from POST /api/auth/login.",
      serverUrl,
      license: licenseObject(pkg.license),
      tagDescriptions: TAG_DESCRIPTIONS,
    });
    cache.set(serverUrl, doc);
  }
  return doc;
}
