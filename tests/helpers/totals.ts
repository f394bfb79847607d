import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { campaignTotals } from "@/db/schema";

/** How many rows a workspace's campaign totals are kept in (appended per change, folded by compaction). */
export const totalsRows = async (workspaceId: string) =>
  (
    await getDb()
      .select({ n: sql<number>`count(*)::int` })
      .from(campaignTotals)
      .where(eq(campaignTotals.workspaceId, workspaceId))
  )[0].n;
