import type { z } from "zod";
import { getConnection } from "@/db/queries/workspaces";
import { apiError } from "@/lib/api/errors";
import { recordAudit, type Actor } from "@/lib/audit";
import { getDb } from "@/db";
import { env } from "@/lib/env";
import { listNedzoAgents, setNedzoAgentWebhook, targetFor, type NedzoTarget } from "@/lib/nedzo/client";
import { reserveSlot, sleep } from "@/lib/nedzo/pacer";
import type { Agent } from "@/lib/nedzo/schemas";
import type { installWebhookSchema } from "./schemas";
import { getWebhook } from "./webhook";

// Setting the workspace's webhook on its Nedzo agents in one click — never over a URL an agent already
// posts to, unless the person was shown that URL and asked for it to be replaced.

export type AgentWebhookState = "ours" | "none" | "other";
export type AgentWebhook = { agentId: string; name: string; url: string | null; state: AgentWebhookState };

const urlOf = (a: Agent) => a.postConversationWebhookUrl ?? a.postCallWebhookUrl ?? null;

async function targetOf(workspaceId: string): Promise<NedzoTarget> {
  const connection = await getConnection(workspaceId);
  if (!connection)
    throw apiError(409, "This workspace is not connected to Nedzo yet: connect it in Settings first.", { type: "no-connection" });
  try {
    return targetFor(connection);
  } catch {
    throw apiError(502, "This workspace's stored Nedzo token cannot be read: reconnect it in Settings.", { type: "token-unreadable" });
  }
}

export async function agentWebhooks(workspaceId: string): Promise<AgentWebhook[]> {
  const [target, ours] = [await targetOf(workspaceId), (await getWebhook(workspaceId)).url];
  const listed = await listNedzoAgents(target);
  if (!listed.ok) throw apiError(502, `Nedzo's agent list could not be read: ${listed.detail}`);
  return listed.agents.map((a) => {
    const url = urlOf(a);
    return { agentId: a.id, name: a.name, url, state: !url ? "none" : url === ours ? "ours" : "other" };
  });
}

export type InstallResult = { agentId: string; name: string; result: "set" | "already" | "kept" | "failed"; detail: string | null };

export async function installWebhook(
  workspaceId: string,
  actor: Actor,
  input: z.output<typeof installWebhookSchema>,
): Promise<InstallResult[]> {
  const target = await targetOf(workspaceId);
  const ours = (await getWebhook(workspaceId)).url;
  const agents = new Map((await agentWebhooks(workspaceId)).map((a) => [a.agentId, a]));
  const results: InstallResult[] = [];
  for (const id of new Set(input.agent_ids)) {
    const agent = agents.get(id);
    if (!agent) {
      results.push({ agentId: id, name: "", result: "failed", detail: "Nedzo has no such agent for this workspace." });
      continue;
    }
    if (agent.state === "ours") {
      results.push({ agentId: id, name: agent.name, result: "already", detail: null });
      continue;
    }
    if (agent.state === "other" && !input.replace.includes(id)) {
      results.push({
        agentId: id,
        name: agent.name,
        result: "kept",
        detail: `Already posts to ${agent.url}: not replaced without asking.`,
      });
      continue;
    }
    // a write to Nedzo: it takes this token's next write slot, like a create
    const slot = await reserveSlot(target.paceKey, env().NEDZO_MAX_QUEUE_WAIT_MS);
    if (!slot.ok) {
      results.push({
        agentId: id,
        name: agent.name,
        result: "failed",
        detail: `This Nedzo token is busy: try again in ${slot.retryAfterSec} s.`,
      });
      continue;
    }
    await sleep(slot.waitMs);
    const set = await setNedzoAgentWebhook(target, id, ours);
    results.push({ agentId: id, name: agent.name, result: set.ok ? "set" : "failed", detail: set.ok ? null : set.detail });
    if (set.ok) {
      await recordAudit(getDb(), actor, {
        workspaceId,
        action: "webhook.install",
        targetType: "agent",
        targetId: id,
        metadata: { name: agent.name, replaced: agent.state === "other" ? agent.url : null },
      });
    }
  }
  return results;
}
