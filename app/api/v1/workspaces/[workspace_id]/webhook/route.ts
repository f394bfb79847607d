import { json, withWorkspace } from "@/lib/api/guard";
import { serializeWebhook } from "@/lib/api/serialize";
import { getWebhook } from "@/lib/calls/webhook";

// GET /api/v1/workspaces/:id/webhook — the secret URL for Nedzo's post-conversation webhook (owner, admin)
export const GET = withWorkspace({ permission: "webhook.manage" }, async ({ workspaceId }) =>
  json({ webhook: serializeWebhook(await getWebhook(workspaceId)) }),
);
