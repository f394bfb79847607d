import { sql } from "drizzle-orm";
import { getDb } from "@/db";

// Where a queued create stands: how many creates for the same Nedzo token are ahead of it.

export async function createsAhead(workspaceId: string, campaignId: string): Promise<number | null> {
  const result = await getDb().execute(sql`
    select count(j.id)::int as ahead
    from jobs me
    join campaigns c on c.id = ${campaignId} and c.workspace_id = ${workspaceId}
    left join jobs j on j.queue_key = me.queue_key and j.seq < me.seq
    where me.key = ${`campaign:${campaignId}`}
    group by me.id`);
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { ahead: number }[];
  return rows[0] ? Number(rows[0].ahead) : null;
}
