import { describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { campaigns, workspaces } from "@/db/schema";
import { compactCampaignTotals, portfolioFigures, totalsQuery } from "@/db/queries/portfolio";
import { useSandbox } from "../helpers/sandbox";
import { totalsRows as parts } from "../helpers/totals";
import { AGENT_AVA, liveWorkspace } from "../helpers/workspaces";

useSandbox();

// A workspace's figures without a date range come from campaign_totals, kept by statement triggers on
// campaigns. Whatever the campaigns go through, the figures must equal the sums over the campaigns
// themselves (the way they were counted before: the oracle here).

const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? (result as T[]) : ((result as { rows?: T[] }).rows ?? []));

async function oracle(workspaceId: string) {
  const [r] = rowsOf<Record<string, unknown>>(
    await getDb().execute(sql`
      select count(*)::int as campaigns, coalesce(sum(dials), 0)::int as dials, coalesce(sum(total_pickups), 0)::int as pickups,
        coalesce(sum(outcome_appointment_booked), 0)::int as appointments, coalesce(sum(total_positive_outcomes), 0)::int as positive,
        coalesce(sum(total_min_used), 0)::float8 as minutes, coalesce(sum(total_min_used_today), 0)::float8 as minutes_today,
        min(synced_at) filter (where status = 'created') as synced_at
      from campaigns where workspace_id = ${workspaceId}`),
  );
  return {
    campaigns: Number(r.campaigns),
    dials: Number(r.dials),
    pickups: Number(r.pickups),
    appointments: Number(r.appointments),
    positive: Number(r.positive),
    minutes: Math.round(Number(r.minutes) * 100) / 100,
    minutesToday: Math.round(Number(r.minutes_today) * 100) / 100,
    syncedAt: r.synced_at ? new Date(String(r.synced_at)).toISOString() : null,
  };
}

async function figures(workspaceId: string) {
  const f = (await portfolioFigures([workspaceId])).get(workspaceId)!;
  return { ...f, workspaceId: undefined, syncedAt: f.syncedAt ? f.syncedAt.toISOString() : null };
}

function rows(workspaceId: string, n: number, tag: string, counters = true) {
  return Array.from({ length: n }, (_, i) => ({
    workspaceId,
    status: "created" as const,
    name: `${tag} ${i}`,
    agentId: AGENT_AVA,
    startTime: "09:00",
    endTime: "17:00",
    minCallsPerHour: 1,
    maxCallsPerHour: 5,
    idempotencyKey: `${tag}-${i}-${Math.random()}`,
    requestHash: "x",
    syncedAt: new Date(Date.UTC(2026, 10, 1 + i)),
    ...(counters && {
      dials: 10 + i,
      totalPickups: 5 + i,
      outcomeAppointmentBooked: i % 3,
      totalPositiveOutcomes: i % 4,
      totalMinUsed: 1.37 * (i + 1),
      totalMinUsedToday: 0.11 * i,
    }),
  }));
}

describe("a workspace's figures kept by the campaigns' triggers", () => {
  it("equal the sums over its campaigns through inserts, recounts, status changes and deletes; others are untouched", async () => {
    const a = await liveWorkspace();
    const b = await liveWorkspace();
    expect(await figures(a.id)).toMatchObject({ campaigns: 0, dials: 0, minutes: 0, syncedAt: null });

    await getDb()
      .insert(campaigns)
      .values(rows(a.id, 7, "a"));
    await getDb()
      .insert(campaigns)
      .values(rows(b.id, 3, "b"));
    expect(await figures(a.id)).toEqual(await oracle(a.id));
    expect((await figures(a.id)).campaigns).toBe(7);
    expect((await figures(b.id)).campaigns).toBe(3);

    // a recount that changes some campaigns' numbers (one statement over many rows)
    await getDb()
      .update(campaigns)
      .set({ dials: sql`${campaigns.dials} * 2`, totalMinUsed: sql`${campaigns.totalMinUsed} + 0.5`, totalPickups: 0 })
      .where(sql`${campaigns.workspaceId} = ${a.id} and ${campaigns.name} in ('a 1', 'a 4', 'a 6')`);
    expect(await figures(a.id)).toEqual(await oracle(a.id));

    // a change of no figure (a sync confirming every campaign) appends nothing
    const before = await parts(a.id);
    await getDb().update(campaigns).set({ syncedAt: new Date() }).where(eq(campaigns.workspaceId, a.id));
    expect(await parts(a.id)).toBe(before);
    expect(await figures(a.id)).toEqual(await oracle(a.id));

    // a campaign that leaves "created" no longer confirms the figures' freshness, but still counts
    await getDb()
      .update(campaigns)
      .set({ status: "failed", syncedAt: new Date(Date.UTC(2020, 0, 1)) })
      .where(sql`${campaigns.workspaceId} = ${a.id} and ${campaigns.name} = 'a 0'`);
    expect(await figures(a.id)).toEqual(await oracle(a.id));

    await getDb()
      .delete(campaigns)
      .where(sql`${campaigns.workspaceId} = ${a.id} and ${campaigns.name} in ('a 2', 'a 3')`);
    const after = await figures(a.id);
    expect(after).toEqual(await oracle(a.id));
    expect(after.campaigns).toBe(5);

    // folded into one row, the same figures
    expect(await parts(a.id)).toBeGreaterThan(1);
    await compactCampaignTotals(a.id);
    expect(await parts(a.id)).toBe(1);
    expect(await figures(a.id)).toEqual(after);

    expect(await figures(b.id)).toEqual(await oracle(b.id));
    expect((await figures(b.id)).campaigns).toBe(3);
  });

  it("go with a deleted workspace, whose campaigns go by cascade", async () => {
    const a = await liveWorkspace();
    await getDb()
      .insert(campaigns)
      .values(rows(a.id, 4, "gone"));
    expect(await parts(a.id)).toBeGreaterThan(0);
    await getDb().delete(workspaces).where(eq(workspaces.id, a.id));
    expect(await parts(a.id)).toBe(0);
  });

  it.skipIf(!process.env.DATABASE_URL)("let a workspace be deleted while a recount holds its campaigns (no deadlock)", async () => {
    // a recount locks its campaigns, then updates them (appending totals); the deletion locks the workspace,
    // then waits for those campaigns (cascade). Appending totals must not need the workspace row.
    const a = await liveWorkspace();
    await getDb()
      .insert(campaigns)
      .values(rows(a.id, 3, "held"));
    let deleted: Promise<unknown> = Promise.resolve(null);
    await getDb().transaction(async (tx) => {
      await tx.execute(sql`select id from campaigns where workspace_id = ${a.id} for update`);
      deleted = getDb()
        .delete(workspaces)
        .where(eq(workspaces.id, a.id))
        .execute()
        .then(
          () => null,
          (e: unknown) => e,
        );
      // the deletion is now waiting for these rows
      await expect
        .poll(
          async () =>
            rowsOf<{ n: number }>(
              // from another connection: a transaction reads pg_stat_activity once
              await getDb().execute(
                sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and query ilike 'delete from "workspaces"%'`,
              ),
            )[0].n,
        )
        .toBe(1);
      await tx
        .update(campaigns)
        .set({ dials: sql`${campaigns.dials} + 1` })
        .where(eq(campaigns.workspaceId, a.id));
    });
    expect(await deleted).toBeNull();
    expect(await getDb().select().from(workspaces).where(eq(workspaces.id, a.id))).toEqual([]);
    expect(await parts(a.id)).toBe(0);
  });

  it("stay exact under concurrent writers and folds", async () => {
    const a = await liveWorkspace();
    await getDb()
      .insert(campaigns)
      .values(rows(a.id, 10, "seed"));
    const writers = Array.from({ length: 12 }, (_, w) =>
      getDb().transaction(async (tx) => {
        await tx.insert(campaigns).values(rows(a.id, 3, `w${w}`));
        await tx
          .update(campaigns)
          .set({ dials: sql`${campaigns.dials} + 1`, totalMinUsedToday: sql`${campaigns.totalMinUsedToday} + 0.25` })
          .where(sql`${campaigns.workspaceId} = ${a.id} and ${campaigns.name} like ${`w${w} %`}`);
      }),
    );
    const folds = Array.from({ length: 4 }, () => compactCampaignTotals(a.id));
    await Promise.all([...writers, ...folds]);
    const f = await figures(a.id);
    expect(f).toEqual(await oracle(a.id));
    expect(f.campaigns).toBe(10 + 12 * 3);
  });

  it("fold themselves on a read once many changes have piled up", async () => {
    const a = await liveWorkspace();
    for (let i = 0; i < 205; i++)
      await getDb()
        .insert(campaigns)
        .values(rows(a.id, 1, `pile${i}`));
    expect(await parts(a.id)).toBeGreaterThan(200);
    const f = await figures(a.id);
    expect(f.campaigns).toBe(205);
    // folded right after the read (not in its way)
    await expect.poll(() => parts(a.id)).toBe(1);
    expect(await figures(a.id)).toEqual(f);
  });

  it("are read without a pass over the campaigns (EXPLAIN: no sequential scan or aggregate over them)", async () => {
    const a = await liveWorkspace();
    await getDb().execute(sql`
      insert into campaigns (workspace_id, status, name, agent_id, start_time, end_time, min_calls_per_hour, max_calls_per_hour,
        idempotency_key, request_hash, dials, synced_at)
      select ${a.id}::uuid, 'created', 'seed ' || g, ${AGENT_AVA}::uuid, '09:00', '17:00', 1, 5, 'plan-' || g, 'x', g % 50,
        now() - (g || ' minutes')::interval
      from generate_series(1, 5000) g`);
    await getDb().execute(sql`analyze campaigns`);
    await getDb().execute(sql`analyze campaign_totals`);
    const [row] = rowsOf<Record<string, unknown>>(await getDb().execute(sql`explain (format json) ${totalsQuery([a.id])}`));
    const json = row["QUERY PLAN"];
    type Node = { "Node Type": string; "Relation Name"?: string; "Index Name"?: string; Plans?: Node[] };
    const plan = ((typeof json === "string" ? JSON.parse(json) : json) as { Plan: Node }[])[0].Plan;
    const all = (n: Node): Node[] => [n, ...(n.Plans ?? []).flatMap(all)];
    const onCampaigns = all(plan).filter((n) => n["Relation Name"] === "campaigns");
    expect(onCampaigns.length, JSON.stringify(plan)).toBeGreaterThan(0);
    for (const n of onCampaigns) {
      expect(n["Node Type"], JSON.stringify(plan)).toMatch(/Index Only Scan|Index Scan/);
      expect(n["Index Name"]).toBe("campaigns_synced");
    }
    const f = await figures(a.id);
    expect(f).toEqual(await oracle(a.id));
    expect(f.campaigns).toBe(5000);
  });
});
