import { renderError } from "@/lib/api/guard";
import { receiveWebhook } from "@/lib/calls/webhook";
import { traced } from "@/lib/log/request";

// POST /api/webhooks/nedzo/:secret — Nedzo's post-conversation webhook (no session: the secret is the key).
// Traced under its fixed pattern, so the secret in the path never reaches a metric label or a log line.
export const POST = traced("/api/webhooks/nedzo/[secret]", async (req: Request, ctx: { params: Promise<{ secret: string }> }) => {
  try {
    const { secret } = await ctx.params;
    const { status, body } = await receiveWebhook(secret, req);
    return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", "cache-control": "no-store" } });
  } catch (error) {
    return renderError(error);
  }
});
