import { renderError } from "@/lib/api/guard";
import { receiveWebhook } from "@/lib/calls/webhook";

// POST /api/webhooks/nedzo/:secret — Nedzo's post-conversation webhook (no session: the secret is the key)
export async function POST(req: Request, ctx: { params: Promise<{ secret: string }> }): Promise<Response> {
  try {
    const { secret } = await ctx.params;
    const { status, body } = await receiveWebhook(secret, req);
    return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", "cache-control": "no-store" } });
  } catch (error) {
    return renderError(error);
  }
}
