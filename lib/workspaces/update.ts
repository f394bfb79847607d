import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { workspaces, type Workspace } from "@/db/schema";
import type { z } from "zod";
import { recordAudit, type Actor } from "@/lib/audit";
import type { updateWorkspaceSchema } from "./schemas";

// Rename a workspace or change the time zone its campaign windows are shown in.
export async function updateWorkspace(
  workspace: Workspace,
  actor: Actor,
  input: z.output<typeof updateWorkspaceSchema>,
): Promise<Workspace> {
  const changes = {
    ...(input.name !== undefined && input.name !== workspace.name && { name: input.name }),
    ...(input.timezone !== undefined && input.timezone !== workspace.timezone && { timezone: input.timezone }),
  };
  if (Object.keys(changes).length === 0) return workspace;
  return getDb().transaction(async (tx) => {
    const [updated] = await tx.update(workspaces).set(changes).where(eq(workspaces.id, workspace.id)).returning();
    const before = Object.fromEntries(Object.keys(changes).map((k) => [k, workspace[k as keyof typeof changes]]));
    await recordAudit(tx, actor, {
      workspaceId: workspace.id,
      action: "workspace.update",
      targetType: "workspace",
      targetId: workspace.id,
      metadata: { before, after: changes },
    });
    return updated;
  });
}
