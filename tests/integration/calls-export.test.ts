import { describe, expect, it } from "vitest";
import { desc, eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { calls } from "@/db/calls-schema";
import * as campaignsRoute from "@/app/api/v1/workspaces/[workspace_id]/campaigns/route";
import { maskPhone } from "@/lib/api/serialize";
import { csvLine } from "@/lib/exports/csv";
import { CALLS_HEADER } from "@/lib/exports/calls-csv";
import { exportCalls } from "@/lib/exports/exports";
import { call } from "../helpers/api";
import { useSandbox } from "../helpers/sandbox";
import { campaignBody, liveWorkspace } from "../helpers/workspaces";

// The calls CSV is formatted by the database (so a 100k-call export keeps nothing but a page's text in
// memory): it must read exactly as csvField writes the same rows — quoting, formula defusing, nulls, times,
// masked contacts — and page through ties on started_at without losing or repeating a call.
useSandbox();

async function campaignOf() {
  const ws = await liveWorkspace();
  const res = await call(campaignsRoute.POST, "POST", "", {
    user: ws.owner,
    params: { workspace_id: ws.id },
    body: campaignBody({ name: "Export" }),
  });
  expect(res.status, res.text).toBe(201);
  const actor = { userId: ws.owner.id, email: ws.owner.email, viaWorkspaceId: null, ip: null, userAgent: null };
  return { ws, campaign: res.body.campaign as { id: string; agent_name: string | null }, actor };
}

async function read(stream: ReadableStream<Uint8Array>): Promise<string> {
  let text = "";
  const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  const reader = stream.getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) text += decoder.decode(r.value, { stream: true });
  return text + decoder.decode();
}

const base = { source: "sync", outcomeKey: "other" as const };

describe("the calls CSV export", () => {
  it("writes every field exactly as csvField would, masked contacts for those who may not see them", async () => {
    const { ws, campaign, actor } = await campaignOf();
    const tricky = [
      '=HYPERLINK("http://evil")',
      "+15550001234",
      "-3 dials",
      "@mention",
      "\tTabbed",
      "\rReturn",
      'say "hi", then go',
      "line\nbreak",
      "crlf\r\nhere",
      "plain",
      "",
      "Ünïcödé — ✓ 日本",
      null,
    ];
    await getDb()
      .insert(calls)
      .values(
        tricky.map((t, i) => ({
          ...base,
          workspaceId: ws.id,
          campaignId: campaign.id,
          nedzoConversationId: `conv,${i}`,
          startedAt: new Date(Date.UTC(2026, 10, 30, 10, 0, i, 123)),
          endedAt: i % 2 ? null : new Date(Date.UTC(2026, 10, 30, 10, 1, i)),
          durationSeconds: i % 3 ? i * 7 : null,
          outcome: t,
          endedReason: t,
          contactPhone: i === 11 ? "" : t === null ? null : `+1 (555) 000-${String(1000 + i)}`,
          agentPhone: t,
          appointmentAt: i === 4 ? new Date(Date.UTC(2027, 0, 2, 9, 30)) : null,
          summary: t,
          agentId: i % 2 ? null : "3f1c2a4e-8b7d-4c55-9e21-6a0d5b7c9e11",
        })),
      );
    const rows = await getDb().select().from(calls).where(eq(calls.campaignId, campaign.id)).orderBy(desc(calls.startedAt), desc(calls.id));
    for (const whole of [true, false]) {
      const expected =
        `\uFEFF${csvLine(CALLS_HEADER)}` +
        rows
          .map((k) =>
            csvLine([
              k.id,
              k.nedzoConversationId,
              k.startedAt,
              k.endedAt,
              k.durationSeconds,
              k.outcome,
              k.outcomeKey,
              k.endedReason,
              whole ? k.contactPhone : maskPhone(k.contactPhone),
              k.agentPhone,
              k.appointmentAt,
              k.summary,
              k.agentId,
              campaign.agent_name,
            ]),
          )
          .join("");
      const stream = await exportCalls(ws.id, campaign.id, actor, {}, whole);
      expect(await read(stream!)).toBe(expected);
    }
  });

  it("pages through 2,345 calls, many sharing a start time, each exactly once, newest first; filters apply", async () => {
    const { ws, campaign, actor } = await campaignOf();
    await getDb().execute(sql`
      insert into calls (workspace_id, campaign_id, nedzo_conversation_id, started_at, outcome_key, source)
      select ${ws.id}::uuid, ${campaign.id}::uuid, 'bulk-' || g, timestamptz '2026-11-30 10:00:00+00' + (g / 7) * interval '1 second',
        case when g % 5 = 0 then 'no_answer' else 'other' end, 'sync'
      from generate_series(1, 2345) g`);
    const ids = (
      await getDb()
        .select({ id: calls.id })
        .from(calls)
        .where(eq(calls.campaignId, campaign.id))
        .orderBy(desc(calls.startedAt), desc(calls.id))
    ).map((r) => r.id);
    const lines = (await read((await exportCalls(ws.id, campaign.id, actor, {}, true))!)).trim().split("\r\n").slice(1);
    expect(lines.map((l) => l.split(",")[0])).toEqual(ids);
    const filtered = (await read((await exportCalls(ws.id, campaign.id, actor, { outcome: "no_answer" }, true))!))
      .trim()
      .split("\r\n")
      .slice(1);
    expect(filtered).toHaveLength(469);
    expect(filtered.every((l) => l.split(",")[6] === "no_answer")).toBe(true);
    const from = new Date("2026-11-30T10:01:00Z");
    const windowed = (await read((await exportCalls(ws.id, campaign.id, actor, { from }, true))!)).trim().split("\r\n").slice(1);
    expect(windowed.length).toBe(2345 - (await countBefore(campaign.id, from)));
    expect(windowed.length).toBeGreaterThan(0);
  });

  it("ends at a row count that is a whole number of pages, and for a campaign without calls", async () => {
    const { ws, campaign, actor } = await campaignOf();
    expect(await read((await exportCalls(ws.id, campaign.id, actor, {}, true))!)).toBe(`\uFEFF${csvLine(CALLS_HEADER)}`);
    await getDb().execute(sql`
      insert into calls (workspace_id, campaign_id, nedzo_conversation_id, started_at, source)
      select ${ws.id}::uuid, ${campaign.id}::uuid, 'whole-' || g, timestamptz '2026-11-30 10:00:00+00' + g * interval '1 second', 'sync'
      from generate_series(1, 2000) g`);
    const lines = (await read((await exportCalls(ws.id, campaign.id, actor, {}, true))!)).trim().split("\r\n");
    expect(lines).toHaveLength(2001);
  });
});

async function countBefore(campaignId: string, at: Date): Promise<number> {
  const r = await getDb().execute(
    sql`select count(*)::int as n from calls where campaign_id = ${campaignId} and started_at < ${at.toISOString()}::timestamptz`,
  );
  const rows = Array.isArray(r) ? r : (r as unknown as { rows: { n: number }[] }).rows;
  return Number((rows[0] as { n: number }).n);
}
