import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import type { Membership } from "@/db/queries/workspaces";
import { workspaces } from "@/db/schema";
import { apiError } from "@/lib/api/errors";
import { recordAudit, type Actor } from "@/lib/audit";

// Delete a workspace with its campaigns mirror, members, invitations and Nedzo connection. Its audit
// trail stays (append-only). An agency with clients must let them go first.
export async function deleteWorkspace(membership: Membership, actor: Actor): Promise<void> {
  const w = membership.workspace;
  await getDb().transaction(async (tx) => {
    const [clients] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(workspaces)
      .where(eq(workspaces.parentId, w.id));
    if (Number(clients?.n ?? 0) > 0)
      throw apiError(409, "This agency still has client workspaces: delete them first.", { type: "has-clients" });
    await tx.delete(workspaces).where(eq(workspaces.id, w.id));
    const metadata = { name: w.name, kind: w.kind };
    await recordAudit(tx, actor, { workspaceId: w.id, action: "workspace.delete", targetType: "workspace", targetId: w.id, metadata });
    if (w.parentId)
      await recordAudit(tx, actor, {
        workspaceId: w.parentId,
        action: "client.delete",
        targetType: "workspace",
        targetId: w.id,
        metadata,
        viaWorkspaceId: null,
      });
  });
}
