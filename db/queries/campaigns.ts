import { and, eq, getTableColumns, ilike, inArray, sql, type Placeholder } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { compile, getDb, type Statement } from "@/db";
import { nedzoAgents } from "@/db/calls-schema";
import { campaignSortColumns, campaigns, users, workspaces, type Campaign, type CampaignSort, type CampaignStatus } from "@/db/schema";
import { cursorOf, defaultOrder, keysetOrder, keysetValues, keysetWhere, pageOf, type Cursor, type SortOrder } from "./keyset";

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

// The list reads what a list row shows (lib/api/serialize.ts serializeCampaign, the export, the page): not
// Nedzo's raw answer (upstream_raw, a jsonb of every field) nor the create's bookkeeping.
const { upstreamRaw: _raw, idempotencyKey: _key, requestHash: _hash, sentAt: _sent, ...listedColumns } = getTableColumns(campaigns);
const listFields = { ...listedColumns, creatorEmail: users.email, viaWorkspaceName: via.name, agentName: nedzoAgents.name };

/** A row of the list: a campaign as CampaignWithCreator, without upstreamRaw and the create's bookkeeping. */
export type CampaignListItem = Omit<CampaignWithCreator, "upstreamRaw" | "idempotencyKey" | "requestHash" | "sentAt">;

type Bind = string | Placeholder;
const placeholder = (name: string) => sql.placeholder(name);

function listQuery(workspaceId: Bind, options: ListOptions, compiled: boolean) {
  const key = listKey(options);
  const at = compiled ? { value: placeholder("cursorValue"), id: placeholder("cursorId") } : undefined;
  const filters = [eq(campaigns.workspaceId, workspaceId), keysetWhere(key, at)];
  if (options.q) filters.push(ilike(campaigns.name, compiled ? placeholder("q") : namePattern(options.q)));
  if (options.status) filters.push(eq(campaigns.status, compiled ? placeholder("status") : options.status));
  return (
    getDb()
      .select(listFields)
      .from(campaigns)
      .leftJoin(users, eq(users.id, campaigns.createdBy))
      .leftJoin(via, eq(via.id, campaigns.viaWorkspaceId))
      // the agent by name, as the sync last mirrored the workspace's agents
      .leftJoin(nedzoAgents, and(eq(nedzoAgents.workspaceId, campaigns.workspaceId), eq(nedzoAgents.agentId, campaigns.agentId)))
      .where(and(...filters))
      .orderBy(...keysetOrder(key))
      .limit(compiled ? placeholder("limit") : options.limit + 1)
  );
}

const namePattern = (q: string) => `%${escapeLike(q)}%`;

/** The list's query, as built for the API and the Campaigns page (the plan test EXPLAINs this very query). */
export function campaignListSelect(workspaceId: string, options: ListOptions) {
  return listQuery(workspaceId, options, false);
}

// One compiled statement per shape of the list (sort, direction, cursor or not, search or not, status or
// not: at most 144), its values filled in per request. A search or a status filter is not prepared: its best
// plan depends on the term (PostgreSQL's generic plan for a common term read 25 ms instead of 2.5 ms)
const listStatements = new Map<string, Statement<CampaignListItem>>();

/** The compiled statement of this list read, and its values: the SQL campaignListSelect builds, as placeholders. */
export function campaignListStatement(workspaceId: string, options: ListOptions) {
  const key = listKey(options);
  const cursor = keysetValues(key);
  const shape = `${key.sort}.${key.order}.${cursor ? (cursorOf(key)!.back ? "b" : "a") : "-"}.${options.q ? "q" : "-"}.${options.status ? "s" : "-"}`;
  let statement = listStatements.get(shape);
  if (!statement)
    listStatements.set(
      shape,
      (statement = compile<CampaignListItem>(listQuery(placeholder("workspaceId"), options, true), {
        prepare: !options.q && !options.status,
      })),
    );
  const values: Record<string, unknown> = { workspaceId, limit: options.limit + 1 };
  if (cursor) Object.assign(values, { cursorValue: cursor.value, cursorId: cursor.id });
  if (options.q) values.q = namePattern(options.q);
  if (options.status) values.status = options.status;
  return { statement, values };
}

/** One page in the order asked (newest first by default), keyset-paginated on (sort column, id), both ways. */
export async function listCampaigns(workspaceId: string, options: ListOptions) {
  const { statement, values } = campaignListStatement(workspaceId, options);
  const rows = await statement.run(values);
  const page = pageOf(rows, options.limit, listKey(options));
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
