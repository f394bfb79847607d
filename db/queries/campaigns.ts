import { and, desc, eq, ilike } from "drizzle-orm";
import { getDb } from "@/db";
import { keysetAfter, pageOf, type Cursor } from "@/lib/api/pagination";
import { alias } from "drizzle-orm/pg-core";
import { campaigns, users, workspaces, type Campaign, type CampaignStatus } from "@/db/schema";

// Reads of the local campaign mirror; every one takes the workspace id first.

export type CampaignWithCreator = Campaign & { creatorEmail: string | null; viaWorkspaceName: string | null };

const via = alias(workspaces, "via");

const withCreator = () =>
  getDb()
    .select({ campaign: campaigns, creatorEmail: users.email, viaWorkspaceName: via.name })
    .from(campaigns)
    .leftJoin(users, eq(users.id, campaigns.createdBy))
    .leftJoin(via, eq(via.id, campaigns.viaWorkspaceId));

const flatten = (r: { campaign: Campaign; creatorEmail: string | null; viaWorkspaceName: string | null }): CampaignWithCreator => ({
  ...r.campaign,
  creatorEmail: r.creatorEmail,
  viaWorkspaceName: r.viaWorkspaceName,
});

const escapeLike = (q: string) => q.replace(/[\\%_]/g, (c) => `\\${c}`);

export type ListOptions = { limit: number; cursor?: Cursor | null; q?: string; status?: CampaignStatus };

/** Newest first, keyset-paginated on (created_at, id), served by campaigns_workspace_newest. */
export async function listCampaigns(workspaceId: string, options: ListOptions) {
  const filters = [eq(campaigns.workspaceId, workspaceId)];
  if (options.q) filters.push(ilike(campaigns.name, `%${escapeLike(options.q)}%`));
  if (options.status) filters.push(eq(campaigns.status, options.status));
  if (options.cursor) filters.push(keysetAfter(campaigns.createdAt, campaigns.id, options.cursor));
  const rows = await withCreator()
    .where(and(...filters))
    .orderBy(desc(campaigns.createdAt), desc(campaigns.id))
    .limit(options.limit + 1);
  const page = pageOf(rows.map(flatten), options.limit);
  return { campaigns: page.items, nextCursor: page.nextCursor };
}

export async function getCampaign(workspaceId: string, campaignId: string): Promise<CampaignWithCreator | null> {
  const [row] = await withCreator()
    .where(and(eq(campaigns.workspaceId, workspaceId), eq(campaigns.id, campaignId)))
    .limit(1);
  return row ? flatten(row) : null;
}

export async function findByIdempotencyKey(workspaceId: string, key: string): Promise<CampaignWithCreator | null> {
  const [row] = await withCreator()
    .where(and(eq(campaigns.workspaceId, workspaceId), eq(campaigns.idempotencyKey, key)))
    .limit(1);
  return row ? flatten(row) : null;
}
