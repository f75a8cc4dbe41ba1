import { route } from "@/lib/http";
import { listUsers } from "@/lib/users/list-users";
import { UserListQuery } from "@/lib/users/schemas";

export const GET = route({ operation: "GET /api/admin/users", query: UserListQuery }, ({ ctx, query }) => listUsers(ctx, query));
