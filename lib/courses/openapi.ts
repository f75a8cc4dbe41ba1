// The course endpoints for the OpenAPI document, declared with the same schemas the route
// handlers validate with. Spread COURSE_ENDPOINTS into lib/openapi/endpoints.ts's ENDPOINTS.
import type { EndpointDef } from "../openapi/registry";
import { CourseCreateInput, CourseIdParams, CourseList, CourseListQuery, CourseOut, CoursePatchInput, DeleteCourseOut, DeleteCourseQuery } from "./schemas";

const admin = { tag: "Courses", auth: "admin" as const };

export const COURSE_ENDPOINTS: readonly EndpointDef[] = [
  {
    ...admin, method: "get", path: "/api/courses", summary: "List courses: the ones you teach first",
    query: CourseListQuery, responses: { 200: { description: "Courses", schema: CourseList } },
  },
  {
    ...admin, method: "post", path: "/api/courses", summary: "Create a course (you teach it unless instructor_ids says otherwise; audited)",
    body: CourseCreateInput, responses: { 201: { description: "The course", schema: CourseOut } },
    errors: { 409: "course_exists: the same code in the same term" },
  },
  {
    ...admin, method: "get", path: "/api/courses/{id}", summary: "One course",
    params: CourseIdParams, responses: { 200: { description: "The course", schema: CourseOut } }, errors: { 404: "course_not_found" },
  },
  {
    ...admin, method: "patch", path: "/api/courses/{id}", summary: "Edit, archive or restore a course, or replace its instructors (audited)",
    params: CourseIdParams, body: CoursePatchInput, responses: { 200: { description: "The course", schema: CourseOut } },
    errors: { 404: "course_not_found", 409: "course_exists" },
  },
  {
    ...admin, method: "delete", path: "/api/courses/{id}", summary: "Delete a course and its roster; its sessions stay as standalone events (audited)",
    params: CourseIdParams, query: DeleteCourseQuery, responses: { 200: { description: "Deleted", schema: DeleteCourseOut } },
    errors: { 404: "course_not_found", 409: "course_has_records: confirm with ?confirm=true" },
  },
];
