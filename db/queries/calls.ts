import { and, eq, getTableColumns, gte, lt, type SQL } from "drizzle-orm";
import { getDb } from "@/db";
import { calls, type Call } from "@/db/calls-schema";
import { keysetOrder, keysetWhere, pageOf, type Cursor, type Page } from "./keyset";

// Reads of the calls mirror; every one takes the workspace id first. The call log is newest first, served
// by calls_campaign_newest (or calls_campaign_outcome_newest with an outcome filter) in the order it reads.

export const callSortColumns = { started_at: calls.startedAt };

export type CallListOptions = { limit: number; cursor?: Cursor | null; outcome?: string; from?: Date; to?: Date };

const callKey = (cursor?: Cursor | null) => ({ sort: "started_at", column: calls.startedAt, id: calls.id, order: "desc" as const, cursor });

/** The call log's columns: everything but the transcript (read one call to get it). */
const { transcript: _transcript, ...listColumns } = getTableColumns(calls);

export type CallListItem = Omit<Call, "transcript">;

/** The call log's query, as run (and as EXPLAINed by the plans test). */
export function callListSelect(workspaceId: string, campaignId: string, options: CallListOptions) {
  const key = callKey(options.cursor);
  const filters: (SQL | undefined)[] = [eq(calls.workspaceId, workspaceId), eq(calls.campaignId, campaignId), keysetWhere(key)];
  if (options.outcome) filters.push(eq(calls.outcomeKey, options.outcome as Call["outcomeKey"]));
  if (options.from) filters.push(gte(calls.startedAt, options.from));
  if (options.to) filters.push(lt(calls.startedAt, options.to));
  return getDb()
    .select(listColumns)
    .from(calls)
    .where(and(...filters))
    .orderBy(...keysetOrder(key))
    .limit(options.limit + 1);
}

export async function listCalls(workspaceId: string, campaignId: string, options: CallListOptions): Promise<Page<CallListItem>> {
  const rows = await callListSelect(workspaceId, campaignId, options);
  return pageOf(rows as CallListItem[], options.limit, callKey(options.cursor));
}

export async function getCall(workspaceId: string, callId: string): Promise<Call | null> {
  const [row] = await getDb()
    .select()
    .from(calls)
    .where(and(eq(calls.workspaceId, workspaceId), eq(calls.id, callId)))
    .limit(1);
  return row ?? null;
}
