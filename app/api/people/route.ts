import { route } from "@/lib/http";
import { PeopleQuery } from "@/lib/people/schemas";
import { searchPeople } from "@/lib/people/search-people";

export const GET = route({ operation: "GET /api/people", query: PeopleQuery }, ({ ctx, query }) => searchPeople(ctx, query));
