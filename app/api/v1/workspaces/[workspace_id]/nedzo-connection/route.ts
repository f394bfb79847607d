import { apiError } from "@/lib/api/errors";
import { json, withWorkspace } from "@/lib/api/guard";
import { serializeConnection } from "@/lib/api/serialize";
import { connectNedzo, disconnectNedzo } from "@/lib/nedzo/connection";
import { connectionSchema } from "@/lib/workspaces/schemas";

// PUT /api/v1/workspaces/:id/nedzo-connection — connect the sandbox, or a live token verified first
export const PUT = withWorkspace({ permission: "connection.manage", body: connectionSchema }, async ({ actor, workspaceId, body }) => {
  return json({ connection: serializeConnection(await connectNedzo(workspaceId, actor, body)) });
});

// DELETE /api/v1/workspaces/:id/nedzo-connection — forget the token; campaigns stay in the mirror
export const DELETE = withWorkspace({ permission: "connection.manage" }, async ({ workspaceId, actor }) => {
  if (!(await disconnectNedzo(workspaceId, actor))) throw apiError(404, "This workspace has no Nedzo connection.");
  return new Response(null, { status: 204 });
});
