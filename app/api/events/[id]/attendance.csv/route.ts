import { route } from "@/lib/http";
import { getFullRoster } from "@/lib/attendance/get-roster";
import { rosterCsv } from "@/lib/attendance/roster-csv";
import { IdParams } from "@/lib/events/schemas";

export const GET = route({ auth: "admin", params: IdParams }, async ({ ctx, params }) => {
  const roster = await getFullRoster(ctx, params.id);
  return new Response(rosterCsv(roster), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="attendance-${roster.event_id}.csv"`,
      "cache-control": "no-store",
    },
  });
});
