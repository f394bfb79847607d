import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { campaigns } from "@/db/schema";
import { bucketFor, callSeries, callSpan, type SeriesPoint } from "@/db/queries/call-insights";
import { ingestConversations } from "@/lib/calls/ingest";
import { outcomeKey } from "@/lib/calls/outcomes";
import type { Conversation } from "@/lib/calls/conversation";
import { signedInUser } from "../helpers/api";
import { createWorkspaceAs } from "../helpers/workspaces";

// Issue 9: the campaign page's calls over time. Calls are stored through the same ingest as sync and
// webhooks, then bucketed by hour and by day on the workspace's wall clock (a zone 5:30 east of UTC, and one
// with a DST change), every bucket of the range present, calls split by outcome key, and nothing of another
// workspace's.

async function campaignIn(zone: string) {
  const owner = await signedInUser();
  const ws = await createWorkspaceAs(owner, `Insights ${randomUUID().slice(0, 8)}`, { timezone: zone });
  const nedzoId = randomUUID();
  const [c] = await getDb()
    .insert(campaigns)
    .values({
      workspaceId: ws.id,
      nedzoCampaignId: nedzoId,
      status: "created",
      name: "Insights",
      agentId: randomUUID(),
      startTime: "09:00",
      endTime: "17:00",
      minCallsPerHour: 1,
      maxCallsPerHour: 10,
      timezone: zone,
      idempotencyKey: randomUUID(),
      requestHash: "x",
    })
    .returning();
  return { workspaceId: ws.id, campaignId: c.id, nedzoId };
}

function conv(nedzoCampaignId: string, startedAt: string, outcome: string | null, seconds = 60): Conversation {
  return {
    id: randomUUID(),
    nedzoCampaignId,
    agentId: null,
    contactPhone: "+15550001234",
    agentPhone: null,
    startedAt: new Date(startedAt),
    endedAt: null,
    durationSeconds: seconds,
    outcome,
    outcomeKey: outcomeKey(outcome),
    endedReason: null,
    appointmentAt: null,
    summary: null,
    transcript: null,
    recordingUrl: null,
  };
}

const nonZero = (points: SeriesPoint[]) => points.filter((p) => p.total > 0);

describe("calls over time", () => {
  it("buckets by the hour of the workspace's zone (+05:30), each hour present, split by outcome", async () => {
    const { workspaceId, campaignId, nedzoId } = await campaignIn("Asia/Kolkata");
    await ingestConversations(
      workspaceId,
      [
        // 10:29 and 10:31 UTC are 15:59 and 16:01 in Kolkata: two different local hours
        conv(nedzoId, "2026-03-10T10:29:00Z", "appointment_booked"),
        conv(nedzoId, "2026-03-10T10:31:00Z", "No Answer", 0),
        conv(nedzoId, "2026-03-10T10:45:00Z", "Voicemail left"), // not one of the nine: other
        conv(nedzoId, "2026-03-10T18:40:00Z", "transferred"), // 00:10 on the 11th, Kolkata
      ],
      "sync",
    );
    const from = new Date("2026-03-10T08:30:00Z"); // 14:00 local
    const to = new Date("2026-03-10T20:30:00Z"); // 02:00 local, the 11th
    expect(bucketFor(from, to)).toBe("hour");
    const points = await callSeries(workspaceId, campaignId, { from, to, bucket: "hour" });
    expect(points).toHaveLength(12);
    expect(points[0].local).toBe("2026-03-10T14:00");
    expect(points.at(-1)!.local).toBe("2026-03-11T01:00");
    expect(nonZero(points).map((p) => [p.local, p.total])).toEqual([
      ["2026-03-10T15:00", 1],
      ["2026-03-10T16:00", 2],
      ["2026-03-11T00:00", 1],
    ]);
    const at16 = points.find((p) => p.local === "2026-03-10T16:00")!;
    expect(at16).toMatchObject({ no_answer: 1, other: 1, appointment_booked: 0 });
    expect(points.find((p) => p.local === "2026-03-10T15:00")!.appointment_booked).toBe(1);
    expect(points.find((p) => p.local === "2026-03-11T00:00")!.transferred).toBe(1);
  });

  it("buckets by the day of the workspace's zone, not UTC's, across a DST change", async () => {
    const { workspaceId, campaignId, nedzoId } = await campaignIn("America/New_York");
    await ingestConversations(
      workspaceId,
      [
        conv(nedzoId, "2026-03-07T04:30:00Z", "follow_up"), // 23:30 on the 6th in New York (EST)
        conv(nedzoId, "2026-03-07T05:30:00Z", "follow_up"), // 00:30 on the 7th
        conv(nedzoId, "2026-03-09T03:30:00Z", "not_interested"), // 23:30 on the 8th (EDT, after the change)
        conv(nedzoId, "2026-03-09T04:30:00Z", "not_interested"), // 00:30 on the 9th
      ],
      "sync",
    );
    const from = new Date("2026-03-06T05:00:00Z"); // the 6th, 00:00 EST
    const to = new Date("2026-03-10T04:00:00Z"); // the 10th, 00:00 EDT
    expect(bucketFor(from, to)).toBe("day");
    const points = await callSeries(workspaceId, campaignId, { from, to, bucket: "day" });
    expect(points.map((p) => [p.local, p.total])).toEqual([
      ["2026-03-06T00:00", 1],
      ["2026-03-07T00:00", 1],
      ["2026-03-08T00:00", 1],
      ["2026-03-09T00:00", 1],
    ]);
    expect(points[2]).toMatchObject({ not_interested: 1, follow_up: 0 });

    const span = await callSpan(workspaceId, campaignId);
    expect(span?.first.toISOString()).toBe("2026-03-07T04:30:00.000Z");
    expect(span?.last.toISOString()).toBe("2026-03-09T04:30:00.000Z");
  });

  it("counts only the range asked and only the workspace's own calls", async () => {
    const a = await campaignIn("UTC");
    const b = await campaignIn("UTC");
    await ingestConversations(a.workspaceId, [conv(a.nedzoId, "2026-05-01T10:00:00Z", "failed", 0)], "sync");
    await ingestConversations(
      b.workspaceId,
      [conv(b.nedzoId, "2026-05-01T10:10:00Z", "failed", 0), conv(b.nedzoId, "2026-05-01T12:00:00Z", "failed", 0)],
      "sync",
    );
    const range = { from: new Date("2026-05-01T00:00:00Z"), to: new Date("2026-05-01T11:00:00Z"), bucket: "hour" as const };
    const own = await callSeries(a.workspaceId, a.campaignId, range);
    expect(own.reduce((s, p) => s + p.total, 0)).toBe(1);
    // b's campaign read with a's workspace id: nothing, however the id was learned
    const cross = await callSeries(a.workspaceId, b.campaignId, range);
    expect(cross.reduce((s, p) => s + p.total, 0)).toBe(0);
    expect(await callSpan(a.workspaceId, b.campaignId)).toBeNull();
    // b's own, in the range: 10:10 only (12:00 is past `to`)
    expect(nonZero(await callSeries(b.workspaceId, b.campaignId, range)).map((p) => p.local)).toEqual(["2026-05-01T10:00"]);
  });
});
