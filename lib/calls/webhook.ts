import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { webhookEndpoints } from "@/db/calls-schema";
import { readBodyBytes } from "@/lib/api/parse";
import { recordAudit, type Actor } from "@/lib/audit";
import { decryptSecret, encryptSecret, sha256 } from "@/lib/crypto";
import { env } from "@/lib/env";
import { readConversation } from "./conversation";
import { runningWorker } from "@/lib/jobs/worker";
import { requestRecount } from "./counters-job";
import { ingestConversations } from "./ingest";

// Each workspace has one secret webhook URL for Nedzo's post-conversation webhook. The secret is in the
// path; we keep its hash (to find the workspace) and its ciphertext (so owners and admins can see the URL
// again). Rotating makes a new one: the old URL then answers 404.

export const WEBHOOK_PATH = "/api/webhooks/nedzo/";
/** A conversation with a full transcript fits well within this; anything beyond is not read. */
export const MAX_WEBHOOK_BYTES = 256 * 1024;

export type Webhook = { url: string; createdAt: Date; lastReceivedAt: Date | null };

const urlOf = (secret: string) => `${env().APP_ORIGIN}${WEBHOOK_PATH}${secret}`;

function fresh(workspaceId: string) {
  const secret = randomBytes(32).toString("base64url");
  const { ciphertext, keyVersion } = encryptSecret(secret, `webhook:${workspaceId}`);
  return { secret, row: { workspaceId, secretHash: sha256(secret), secretCiphertext: ciphertext, keyVersion } };
}

/** The workspace's webhook, made on first use. */
export async function getWebhook(workspaceId: string): Promise<Webhook> {
  const [existing] = await getDb().select().from(webhookEndpoints).where(eq(webhookEndpoints.workspaceId, workspaceId));
  if (existing) {
    const secret = decryptSecret(existing.secretCiphertext, existing.keyVersion, `webhook:${workspaceId}`);
    return { url: urlOf(secret), createdAt: existing.createdAt, lastReceivedAt: existing.lastReceivedAt };
  }
  const { secret, row } = fresh(workspaceId);
  const [made] = await getDb().insert(webhookEndpoints).values(row).onConflictDoNothing().returning();
  if (!made) return getWebhook(workspaceId); // made meanwhile by someone else
  return { url: urlOf(secret), createdAt: made.createdAt, lastReceivedAt: null };
}

/** A new secret; the old URL stops working at once. Audited. */
export async function rotateWebhook(workspaceId: string, actor: Actor): Promise<Webhook> {
  const { secret, row } = fresh(workspaceId);
  const saved = await getDb().transaction(async (tx) => {
    const [r] = await tx
      .insert(webhookEndpoints)
      .values(row)
      .onConflictDoUpdate({ target: webhookEndpoints.workspaceId, set: { ...row, createdAt: sql`now()`, lastReceivedAt: null } })
      .returning();
    await recordAudit(tx, actor, { workspaceId, action: "webhook.rotate", targetType: "webhook", targetId: workspaceId });
    return r;
  });
  return { url: urlOf(secret), createdAt: saved.createdAt, lastReceivedAt: null };
}

export type Received = { status: 200 | 400 | 404 | 413; body: Record<string, unknown> };

/** POST <webhook url>: stores the conversation once and moves its campaign's numbers. Answers fast. */
export async function receiveWebhook(secret: string, req: Request): Promise<Received> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(secret)) return { status: 404, body: { error: "not found" } };
  const [endpoint] = await getDb()
    .select({ workspaceId: webhookEndpoints.workspaceId })
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.secretHash, sha256(secret)));
  if (!endpoint) return { status: 404, body: { error: "not found" } };
  const bytes = await readBodyBytes(req, MAX_WEBHOOK_BYTES);
  if (!bytes) return { status: 413, body: { error: `the body is larger than ${MAX_WEBHOOK_BYTES / 1024} KiB` } };
  let payload: unknown;
  try {
    payload = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return { status: 400, body: { error: "the body is not JSON" } };
  }
  const conversation = readConversation(payload);
  if (!conversation) return { status: 400, body: { error: "no conversation id in the body" } };
  const workspaceId = endpoint.workspaceId;
  // one statement each, no transaction held open: many posts for one campaign never queue on its row. The
  // call is stored once; its campaign's numbers are recounted from its calls by a job that coalesces posts.
  const result = await ingestConversations(workspaceId, [conversation], "webhook");
  for (const campaignId of result.byCampaign.keys()) await requestRecount(workspaceId, campaignId);
  if (result.byCampaign.size) runningWorker()?.wake();
  await getDb().execute(sql`
    update webhook_endpoints set last_received_at = now()
    where workspace_id = ${workspaceId} and (last_received_at is null or last_received_at < now() - interval '10 seconds')`);
  const stored = result.inserted > 0;
  return { status: 200, body: { stored, conversation_id: conversation.id } };
}
