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
import { ingestWebhookPost } from "./ingest";

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

const notFound: Received = { status: 404, body: { error: "not found" } };

/** Whether a secret belongs to an endpoint: asked only when a post is refused, to answer 404 before 400/413. */
async function known(hash: string): Promise<boolean> {
  const [row] = await getDb()
    .select({ workspaceId: webhookEndpoints.workspaceId })
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.secretHash, hash));
  return Boolean(row);
}

/**
 * POST <webhook url>: stores the conversation once and asks for its campaign's numbers to be recounted.
 * Answers fast: a good post is one statement (lib/calls/ingest.ts ingestWebhookPost); the recount runs in the
 * job queue, coalesced per campaign, and the worker here is woken so the numbers move within a second or two.
 */
export async function receiveWebhook(secret: string, req: Request): Promise<Received> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(secret)) return notFound;
  const hash = sha256(secret);
  const bytes = await readBodyBytes(req, MAX_WEBHOOK_BYTES);
  if (!bytes) {
    return (await known(hash)) ? { status: 413, body: { error: `the body is larger than ${MAX_WEBHOOK_BYTES / 1024} KiB` } } : notFound;
  }
  let payload: unknown;
  try {
    payload = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return (await known(hash)) ? { status: 400, body: { error: "the body is not JSON" } } : notFound;
  }
  const conversation = readConversation(payload);
  if (!conversation) return (await known(hash)) ? { status: 400, body: { error: "no conversation id in the body" } } : notFound;
  const done = await ingestWebhookPost(hash, conversation);
  if (!done) return notFound;
  if (done.recountQueued) runningWorker()?.wake();
  return { status: 200, body: { stored: done.inserted, conversation_id: conversation.id } };
}
