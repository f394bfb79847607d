import { json, withWorkspace } from "@/lib/api/guard";
import { apiError } from "@/lib/api/errors";
import { readJson } from "@/lib/api/parse";
import { connectNedzo, disconnectNedzo } from "@/lib/nedzo/connection";

// PUT /api/v1/workspaces/:id/nedzo-connection — connect the sandbox, or a live token verified first
export const PUT = withWorkspace({ permission: "connection.manage" }, async ({ req, actor, workspaceId }) => {
  const connection = await connectNedzo(workspaceId, actor, await readJson(req));
  return json({
    connection: { mode: connection.mode, token_last4: connection.tokenLast4, verified_at: connection.verifiedAt?.toISOString() ?? null },
  });
});

// DELETE /api/v1/workspaces/:id/nedzo-connection — forget the token; campaigns stay in the mirror
export const DELETE = withWorkspace({ permission: "connection.manage" }, async ({ workspaceId, actor }) => {
  if (!(await disconnectNedzo(workspaceId, actor))) throw apiError(404, "This workspace has no Nedzo connection.");
  return new Response(null, { status: 204 });
});
