import { eq, sql } from "drizzle-orm";
import { compile, getDb, type Statement } from "@/db";
import { campaignTotals } from "@/db/schema";

// The figures of a portfolio board: per workspace, its campaigns and what their calls add up to. Without a
// date range, the sums of the campaigns' own counters (kept current from their calls) as the campaigns'
// triggers keep them in campaign_totals: a read of a few rows per workspace, whatever its size. With a
// range, the calls in it are counted. "Minutes today" is always today in each workspace's time zone.

export type PortfolioFigures = {
  workspaceId: string;
  campaigns: number;
  dials: number;
  pickups: number;
  appointments: number;
  positive: number;
  minutes: number;
  minutesToday: number;
  /** the oldest confirmation among its created campaigns: how fresh the whole row is */
  syncedAt: Date | null;
};

const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? (result as T[]) : ((result as { rows?: T[] }).rows ?? []));
const ids = (workspaceIds: string[]) =>
  sql.join(
    workspaceIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );

export async function portfolioFigures(
  workspaceIds: string[],
  range: { from?: Date; to?: Date } = {},
): Promise<Map<string, PortfolioFigures>> {
  const out = new Map<string, PortfolioFigures>();
  if (workspaceIds.length === 0) return out;
  const ranged = Boolean(range.from || range.to);
  // the totals kept by the campaigns' triggers (campaign_totals: a few rows per workspace), and the oldest
  // confirmation as the first entry of the campaigns_synced index
  const totals = await getDb().execute(totalsQuery(workspaceIds));
  const crowded: string[] = [];
  for (const r of rowsOf<Record<string, unknown>>(totals)) {
    if (Number(r.parts) > COMPACT_AFTER) crowded.push(String(r.workspace_id));
    out.set(String(r.workspace_id), figuresOf(String(r.workspace_id), r));
  }
  if (ranged) {
    const inRange = await getDb().execute(sql`
      select k.workspace_id, count(*)::int as dials, count(*) filter (where k.picked_up)::int as pickups,
        count(*) filter (where k.outcome_key = 'appointment_booked')::int as appointments,
        count(*) filter (where k.outcome_key in ('appointment_booked', 'callback_requested', 'transferred'))::int as positive,
        coalesce(sum(k.duration_seconds), 0)::float8 / 60 as minutes
      from calls k
      where k.workspace_id in (${ids(workspaceIds)}) and k.campaign_id is not null
        ${range.from ? sql`and k.started_at >= ${range.from.toISOString()}::timestamptz` : sql``}
        ${range.to ? sql`and k.started_at < ${range.to.toISOString()}::timestamptz` : sql``}
      group by k.workspace_id`);
    const found = new Map(rowsOf<Record<string, unknown>>(inRange).map((r) => [String(r.workspace_id), r]));
    for (const f of out.values()) {
      const r = found.get(f.workspaceId);
      Object.assign(f, {
        dials: Number(r?.dials ?? 0),
        pickups: Number(r?.pickups ?? 0),
        appointments: Number(r?.appointments ?? 0),
        positive: Number(r?.positive ?? 0),
        minutes: Math.round(Number(r?.minutes ?? 0) * 100) / 100,
      });
    }
  }
  for (const id of workspaceIds) {
    if (!out.has(id)) out.set(id, { workspaceId: id, ...noFigures() });
  }
  // a workspace that has had many changes since its last sync: folded after this read, so the next one stays
  // short; housekeeping, so a fold that fails (a lock timeout) costs this page nothing: the next read or the
  // next sync folds them (db/ logs nothing: the sync's job reports its own failures)
  for (const id of crowded) compactCampaignTotals(id).catch(() => {});
  return out;
}

/** A row of totalsQuery (or of the one-workspace statement) as figures. */
function figuresOf(workspaceId: string, r: Record<string, unknown>): PortfolioFigures {
  return {
    workspaceId,
    campaigns: Number(r.campaigns),
    dials: Number(r.dials),
    pickups: Number(r.pickups),
    appointments: Number(r.appointments),
    positive: Number(r.positive),
    // differences summed in floating point may leave -0.000001: never shown as "-0"
    minutes: Math.round(Number(r.minutes) * 100) / 100 || 0,
    minutesToday: Math.round(Number(r.minutes_today) * 100) / 100 || 0,
    syncedAt: r.synced_at ? new Date(String(r.synced_at)) : null,
  };
}

type TotalsRow = {
  parts: number;
  campaigns: number | null;
  dials: number | null;
  pickups: number | null;
  appointments: number | null;
  positive: number | null;
  minutes: number | null;
  minutes_today: number | null;
  synced_at: string | null;
};

let totalsStatement: Statement<TotalsRow> | undefined;

/**
 * One workspace's figures (a workspace's home page): portfolioFigures([workspaceId], range), its totals read
 * by a compiled statement (the same sums as totalsQuery, for one workspace, sent prepared).
 */
export async function workspaceFigures(workspaceId: string, range: { from?: Date; to?: Date } = {}): Promise<PortfolioFigures> {
  if (range.from || range.to) return (await portfolioFigures([workspaceId], range)).get(workspaceId)!;
  const t = campaignTotals;
  totalsStatement ??= compile<TotalsRow>(
    getDb()
      .select({
        parts: sql<number>`count(*)::int`.as("parts"),
        campaigns: sql<number>`sum(${t.campaigns})::int`.as("campaigns"),
        dials: sql<number>`sum(${t.dials})::int`.as("dials"),
        pickups: sql<number>`sum(${t.pickups})::int`.as("pickups"),
        appointments: sql<number>`sum(${t.appointments})::int`.as("appointments"),
        positive: sql<number>`sum(${t.positive})::int`.as("positive"),
        minutes: sql<number>`sum(${t.minutes})::float8`.as("minutes"),
        minutes_today: sql<number>`sum(${t.minutesToday})::float8`.as("minutes_today"),
        synced_at:
          sql<string>`(select min(c.synced_at) from campaigns c where c.workspace_id = ${sql.placeholder("workspaceId")}::uuid and c.status = 'created')`.as(
            "synced_at",
          ),
      })
      .from(t)
      .where(eq(t.workspaceId, sql.placeholder("workspaceId"))),
  );
  const [r] = await totalsStatement.run({ workspaceId });
  // no rows of totals: a workspace with no campaigns (as portfolioFigures answers it)
  if (!r || r.parts === 0) return { workspaceId, ...noFigures() };
  if (r.parts > COMPACT_AFTER) compactCampaignTotals(workspaceId).catch(() => {});
  return figuresOf(workspaceId, r);
}

/** How many rows of differences a workspace's totals may gather before a read folds them. */
const COMPACT_AFTER = 200;

/**
 * Folds a workspace's rows of differences into one (the sync job does it after each run; a read does it when
 * they pile up). Safe alongside writers and another fold: the rows it deleted are the ones it sums, and a
 * row appended meanwhile is neither deleted nor lost.
 */
export async function compactCampaignTotals(workspaceId: string): Promise<void> {
  await getDb().execute(sql`
    with gone as (delete from campaign_totals where workspace_id = ${workspaceId} returning *)
    insert into campaign_totals (workspace_id, campaigns, dials, pickups, appointments, positive, minutes, minutes_today)
    select ${workspaceId}::uuid, sum(campaigns), sum(dials), sum(pickups), sum(appointments), sum(positive),
      round(sum(minutes)::numeric, 6)::float8, round(sum(minutes_today)::numeric, 6)::float8
    from gone having count(*) > 0`);
}

/**
 * The totals kept by the campaigns' triggers (campaign_totals: a few rows per workspace), and the oldest
 * confirmation as the first entry of the campaigns_synced index: no pass over the campaigns.
 */
export function totalsQuery(workspaceIds: string[]) {
  return sql`
    select t.workspace_id, count(*)::int as parts,
      sum(t.campaigns)::int as campaigns, sum(t.dials)::int as dials, sum(t.pickups)::int as pickups,
      sum(t.appointments)::int as appointments, sum(t.positive)::int as positive,
      sum(t.minutes)::float8 as minutes, sum(t.minutes_today)::float8 as minutes_today,
      (select min(c.synced_at) from campaigns c where c.workspace_id = t.workspace_id and c.status = 'created') as synced_at
    from campaign_totals t
    where t.workspace_id in (${ids(workspaceIds)})
    group by t.workspace_id`;
}

/** A workspace with no campaigns, and where totals start. */
function noFigures(): Omit<PortfolioFigures, "workspaceId"> {
  return { campaigns: 0, dials: 0, pickups: 0, appointments: 0, positive: 0, minutes: 0, minutesToday: 0, syncedAt: null };
}

/** The totals row of a board. */
export function sumFigures(rows: PortfolioFigures[]): Omit<PortfolioFigures, "workspaceId"> {
  const t = noFigures();
  for (const r of rows) {
    t.campaigns += r.campaigns;
    t.dials += r.dials;
    t.pickups += r.pickups;
    t.appointments += r.appointments;
    t.positive += r.positive;
    t.minutes += r.minutes;
    t.minutesToday += r.minutesToday;
    if (r.syncedAt && (!t.syncedAt || r.syncedAt < t.syncedAt)) t.syncedAt = r.syncedAt;
  }
  t.minutes = Math.round(t.minutes * 100) / 100;
  t.minutesToday = Math.round(t.minutesToday * 100) / 100;
  return t;
}
