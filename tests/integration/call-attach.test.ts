import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { calls } from "@/db/calls-schema";
import { campaigns } from "@/db/schema";
import { ingestConversations } from "@/lib/calls/ingest";
import type { Conversation } from "@/lib/calls/conversation";
import { signedInUser } from "../helpers/api";
import { createWorkspaceAs } from "../helpers/workspaces";

// A webhook post can land while a create's last transaction is still open: the call is stored before its
// campaign carries the Nedzo id, and that transaction's attachCalls cannot see it. The backfill (or a sync)
// that brings the same conversation again must attach it, so the campaign's numbers count it.

function conversation(nedzoCampaignId: string): Conversation {
  return {
    id: `conv-${randomUUID()}`,
    nedzoCampaignId,
    agentId: null,
    contactPhone: "+15550001234",
    agentPhone: null,
    startedAt: new Date("2026-05-01T10:00:00Z"),
    endedAt: null,
    durationSeconds: 60,
    outcome: "Appointment booked",
    outcomeKey: "appointment_booked",
    endedReason: null,
    appointmentAt: null,
    summary: null,
    transcript: null,
    recordingUrl: null,
  };
}

describe("a call stored before its campaign was known", () => {
  it("is attached to its campaign when it comes again, once, and counted for it", async () => {
    const owner = await signedInUser();
    const ws = await createWorkspaceAs(owner, `Attach ${randomUUID().slice(0, 8)}`);
    const [campaign] = await getDb()
      .insert(campaigns)
      .values({
        workspaceId: ws.id,
        status: "pending", // on its way to Nedzo: no Nedzo id yet
        name: "Attach",
        agentId: randomUUID(),
        startTime: "09:00",
        endTime: "17:00",
        minCallsPerHour: 1,
        maxCallsPerHour: 10,
        idempotencyKey: randomUUID(),
        requestHash: "x",
      })
      .returning();
    const nedzoId = randomUUID();
    const call = conversation(nedzoId);

    const early = await ingestConversations(ws.id, [call], "webhook");
    expect(early.inserted).toBe(1);
    expect(early.byCampaign.size).toBe(0); // no campaign has that Nedzo id yet

    // the create's last transaction commits the Nedzo id (its attachCalls did not see the call)
    await getDb().update(campaigns).set({ nedzoCampaignId: nedzoId, status: "created" }).where(eq(campaigns.id, campaign.id));

    const again = await ingestConversations(ws.id, [call], "sync");
    expect(again.byCampaign.get(campaign.id)).toBe(1);
    const [stored] = await getDb().select().from(calls).where(eq(calls.nedzoConversationId, call.id));
    expect(stored.campaignId).toBe(campaign.id);
    expect(stored.source).toBe("webhook"); // the same row, attached, not a second one

    const third = await ingestConversations(ws.id, [call], "sync");
    expect(third.inserted).toBe(0); // already attached: nothing changes, nothing recounted
    expect(await getDb().select().from(calls).where(eq(calls.workspaceId, ws.id))).toHaveLength(1);
  });
});
