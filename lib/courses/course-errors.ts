// The course domain's errors, shared by its use cases.
import { AppError, notFound } from "../errors";

export const courseNotFound = () => notFound("This course", "course_not_found");

export const courseExists = (code: string, term: string) =>
  new AppError("course_exists", `A course ${code}${term ? ` in ${term}` : " without a term"} already exists.`, { code, term_label: term });
