import { and, eq, ne } from "drizzle-orm";
import type { z } from "zod";
import { getDb } from "@/db";
import { getCampaign } from "@/db/queries/campaigns";
import { getConnection } from "@/db/queries/workspaces";
import { campaigns, jobs, type NewCampaign } from "@/db/schema";
import { apiError } from "@/lib/api/errors";
import { recordAudit, type Actor } from "@/lib/audit";
import { env } from "@/lib/env";
import { drop, enqueue } from "@/lib/jobs/queue";
import { attachCalls } from "@/lib/calls/ingest";
import { publishCampaigns } from "@/lib/events/bus";
import { requestBackfill } from "@/lib/calls/sync";
import { readableTarget, runNow, type QueuedJob } from "./create";
import type { resolutionSchema } from "./schemas";
import { CREATE_JOB, jobKey, type CreatePayload } from "./send";

// An `unknown` campaign is resolved by a person: link it to the Nedzo campaign they found, mark it as not
// created, or — after saying so explicitly — send the create again.

export async function resolveUnknown(workspaceId: string, campaignId: string, actor: Actor, input: z.output<typeof resolutionSchema>) {
  const campaign = await getCampaign(workspaceId, campaignId);
  if (!campaign) throw apiError(404, "No such campaign in this workspace.");
  if (campaign.status !== "unknown") throw apiError(409, `This campaign is ${campaign.status}; only an unknown one needs resolving.`);
  const stillUnknown = and(eq(campaigns.id, campaignId), eq(campaigns.workspaceId, workspaceId), eq(campaigns.status, "unknown"));

  if (input.action === "retry") return retry(workspaceId, campaignId, actor);

  let set: Partial<NewCampaign>;
  if (input.action === "link") {
    const [taken] = await getDb()
      .select({ id: campaigns.id })
      .from(campaigns)
      .where(
        and(eq(campaigns.workspaceId, workspaceId), eq(campaigns.nedzoCampaignId, input.nedzo_campaign_id), ne(campaigns.id, campaignId)),
      )
      .limit(1);
    if (taken)
      throw apiError(409, "Another campaign here is already linked to that Nedzo campaign.", {
        errors: [{ path: "nedzo_campaign_id", message: "Already linked to another campaign" }],
      });
    set = { status: "created", nedzoCampaignId: input.nedzo_campaign_id, error: null };
  } else {
    set = { status: "failed", error: { status: null, kind: "marked_failed", detail: `Marked as not created in Nedzo by ${actor.email}.` } };
  }
  await getDb().transaction(async (tx) => {
    const [updated] = await tx.update(campaigns).set(set).where(stillUnknown).returning({ id: campaigns.id });
    if (!updated) throw apiError(409, "Someone resolved this campaign meanwhile; reload it.");
    await publishCampaigns(tx, workspaceId, [campaignId]);
    if (input.action === "link") {
      await attachCalls(tx, workspaceId, campaignId, input.nedzo_campaign_id);
      await requestBackfill(workspaceId, campaignId, input.nedzo_campaign_id, tx);
    }
    await recordAudit(tx, actor, {
      workspaceId,
      action: input.action === "link" ? "campaign.link" : "campaign.mark_failed",
      targetType: "campaign",
      targetId: campaignId,
      metadata: input.action === "link" ? { nedzo_campaign_id: input.nedzo_campaign_id } : {},
    });
  });
  return (await getCampaign(workspaceId, campaignId))!;
}

/**
 * A confirmed retry: unknown → queued with a fresh job, audited as requested, in one transaction; then the
 * same create job as a first create runs it (so the sweeper and the retry share one state machine).
 */
async function retry(workspaceId: string, campaignId: string, actor: Actor) {
  const connection = await getConnection(workspaceId);
  if (!connection) throw apiError(409, "This workspace is not connected to Nedzo.", { type: "no-connection" });
  const target = readableTarget(connection);
  const deadline = Date.now() + env().NEDZO_MAX_QUEUE_WAIT_MS;
  let job: QueuedJob | null = null;
  let jobId: string | null = null;
  try {
    job = await getDb().transaction(async (tx) => {
      const [claimed] = await tx
        .update(campaigns)
        .set({ status: "queued", error: null, sentAt: null })
        .where(and(eq(campaigns.id, campaignId), eq(campaigns.workspaceId, workspaceId), eq(campaigns.status, "unknown")))
        .returning({ id: campaigns.id, name: campaigns.name });
      if (!claimed) throw apiError(409, "Someone resolved this campaign meanwhile; reload it.");
      await tx.delete(jobs).where(eq(jobs.key, jobKey(campaignId)));
      const payload: CreatePayload = { campaign_id: campaignId, workspace_id: workspaceId, action: "campaign.retry", actor };
      const row = await enqueue(tx, { kind: CREATE_JOB, key: jobKey(campaignId), queueKey: target.paceKey, payload }, { claim: true });
      jobId = row.id;
      await publishCampaigns(tx, workspaceId, [campaignId]);
      await recordAudit(tx, actor, {
        workspaceId,
        action: "campaign.retry_requested",
        targetType: "campaign",
        targetId: campaignId,
        metadata: { name: claimed.name },
      });
      return { id: row.id, payload: row.payload, queueKey: row.queueKey };
    });
  } catch (error) {
    if (jobId) drop(jobId);
    throw error;
  }
  const result = await runNow(job!, deadline);
  return (await getCampaign(workspaceId, campaignId)) ?? (result as never);
}
