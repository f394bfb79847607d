import { json, withWorkspace } from "@/lib/api/guard";
import { serializeWebhook } from "@/lib/api/serialize";
import { rotateWebhook } from "@/lib/calls/webhook";

// POST /api/v1/workspaces/:id/webhook/rotate — a new secret URL; the old one answers 404 from now on
export const POST = withWorkspace({ permission: "webhook.manage" }, async ({ workspaceId, actor }) =>
  json({ webhook: serializeWebhook(await rotateWebhook(workspaceId, actor)) }),
);
