import { json, withWorkspace } from "@/lib/api/guard";
import { serializeAgentWebhook, serializeInstallResult } from "@/lib/api/serialize";
import { agentWebhooks, installWebhook } from "@/lib/calls/agent-webhooks";
import { installWebhookSchema } from "@/lib/calls/schemas";

// GET /api/v1/workspaces/:id/webhook/agents — each agent's webhook: ours, none, or another URL (shown)
export const GET = withWorkspace({ permission: "webhook.manage" }, async ({ workspaceId }) =>
  json({ agents: (await agentWebhooks(workspaceId)).map(serializeAgentWebhook) }),
);

// POST /api/v1/workspaces/:id/webhook/agents {"agent_ids", "replace"?} — set ours on them (never over another URL unasked)
export const POST = withWorkspace({ permission: "webhook.manage", body: installWebhookSchema }, async ({ workspaceId, actor, body }) =>
  json({ results: (await installWebhook(workspaceId, actor, body)).map(serializeInstallResult) }),
);
