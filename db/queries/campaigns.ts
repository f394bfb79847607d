import { and, eq, ilike, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb } from "@/db";
import { nedzoAgents } from "@/db/calls-schema";
import { campaignSortColumns, campaigns, users, workspaces, type Campaign, type CampaignSort, type CampaignStatus } from "@/db/schema";
import { defaultOrder, keysetOrder, keysetWhere, pageOf, type Cursor, type SortOrder } from "./keyset";

// Reads of the local campaign mirror; every one takes the workspace id first.

export type CampaignWithCreator = Campaign & { creatorEmail: string | null; viaWorkspaceName: string | null; agentName: string | null };

const via = alias(workspaces, "via");

const withCreator = () =>
  getDb()
    .select({ campaign: campaigns, creatorEmail: users.email, viaWorkspaceName: via.name, agentName: nedzoAgents.name })
    .from(campaigns)
    .leftJoin(users, eq(users.id, campaigns.createdBy))
    .leftJoin(via, eq(via.id, campaigns.viaWorkspaceId))
    // the agent by name, as the sync last mirrored the workspace's agents
    .leftJoin(nedzoAgents, and(eq(nedzoAgents.workspaceId, campaigns.workspaceId), eq(nedzoAgents.agentId, campaigns.agentId)));

const flatten = (r: {
  campaign: Campaign;
  creatorEmail: string | null;
  viaWorkspaceName: string | null;
  agentName: string | null;
}): CampaignWithCreator => ({
  ...r.campaign,
  creatorEmail: r.creatorEmail,
  viaWorkspaceName: r.viaWorkspaceName,
  agentName: r.agentName,
});

const escapeLike = (q: string) => q.replace(/[\\%_]/g, (c) => `\\${c}`);

export type ListOptions = {
  limit: number;
  cursor?: Cursor | null;
  q?: string;
  status?: CampaignStatus;
  /** created_at unless said; each sort has its index (db/schema.ts, campaignSortColumns) */
  sort?: CampaignSort;
  /** the sort's default unless said: names and statuses A→Z, times and numbers largest first */
  order?: SortOrder;
};

function listKey(options: ListOptions) {
  const sort = options.sort ?? "created_at";
  const column = campaignSortColumns[sort];
  return { sort, column, id: campaigns.id, order: options.order ?? defaultOrder(column), cursor: options.cursor };
}

/** The list's query, as built for the API and the Campaigns page (the plan test EXPLAINs this very query). */
export function campaignListSelect(workspaceId: string, options: ListOptions) {
  const key = listKey(options);
  const filters = [eq(campaigns.workspaceId, workspaceId), keysetWhere(key)];
  if (options.q) filters.push(ilike(campaigns.name, `%${escapeLike(options.q)}%`));
  if (options.status) filters.push(eq(campaigns.status, options.status));
  return withCreator()
    .where(and(...filters))
    .orderBy(...keysetOrder(key))
    .limit(options.limit + 1);
}

/** One page in the order asked (newest first by default), keyset-paginated on (sort column, id), both ways. */
export async function listCampaigns(workspaceId: string, options: ListOptions) {
  const rows = await campaignListSelect(workspaceId, options);
  const page = pageOf(rows.map(flatten), options.limit, listKey(options));
  return { campaigns: page.items, nextCursor: page.nextCursor, prevCursor: page.prevCursor };
}

export async function getCampaign(workspaceId: string, campaignId: string): Promise<CampaignWithCreator | null> {
  const [row] = await withCreator()
    .where(and(eq(campaigns.workspaceId, workspaceId), eq(campaigns.id, campaignId)))
    .limit(1);
  return row ? flatten(row) : null;
}

/** Several campaigns of one workspace (those a live event names); ids of other workspaces find nothing. */
export async function getCampaigns(workspaceId: string, campaignIds: string[]): Promise<CampaignWithCreator[]> {
  if (campaignIds.length === 0) return [];
  const rows = await withCreator().where(and(eq(campaigns.workspaceId, workspaceId), inArray(campaigns.id, campaignIds)));
  return rows.map(flatten);
}

export async function findByIdempotencyKey(workspaceId: string, key: string): Promise<CampaignWithCreator | null> {
  const [row] = await withCreator()
    .where(and(eq(campaigns.workspaceId, workspaceId), eq(campaigns.idempotencyKey, key)))
    .limit(1);
  return row ? flatten(row) : null;
}
