import { randomBytes } from "node:crypto";
import type { z } from "zod";
import { getDb } from "@/db";
import { findMembership, slugExists, type Membership } from "@/db/queries/workspaces";
import { workspaceMembers, workspaces } from "@/db/schema";
import { apiError, databaseErrorCode, validationError } from "@/lib/api/errors";
import { recordAudit, type Actor } from "@/lib/audit";
import { mayAddClient } from "@/lib/auth/permissions";
import type { createWorkspaceSchema } from "./schemas";

// Create a workspace (team or agency: the creator becomes its owner), or an agency's client: then the
// creator takes no seat of their own there, and acts through the agency like all its staff, so the
// client's owner (invited by the agency) can suspend that access.

export function slugify(name: string): string {
  const base = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/g, "");
  return base || "workspace";
}

async function freeSlug(name: string): Promise<string> {
  const base = slugify(name);
  if (!(await slugExists(base))) return base;
  for (;;) {
    const candidate = `${base}-${randomBytes(3).toString("hex")}`;
    if (!(await slugExists(candidate))) return candidate;
  }
}

export async function createWorkspace(actor: Actor, input: z.output<typeof createWorkspaceSchema>): Promise<Membership> {
  let parentId: string | null = null;
  if (input.parent_id) {
    const agency = await findMembership({ id: input.parent_id }, actor.userId);
    if (!agency || agency.workspace.kind !== "agency" || !mayAddClient(agency)) {
      throw validationError([{ path: "parent_id", message: "Must be an agency workspace you administer" }]);
    }
    if (input.kind === "agency") throw validationError([{ path: "kind", message: "A client workspace cannot be an agency" }]);
    parentId = agency.workspace.id;
  }
  for (let attempt = 0; attempt < 3; attempt++) {
    const slug = await freeSlug(input.name);
    try {
      const workspace = await getDb().transaction(async (tx) => {
        const [w] = await tx
          .insert(workspaces)
          .values({ name: input.name, slug, kind: input.kind ?? "team", parentId, timezone: input.timezone ?? "UTC" })
          .returning();
        if (!parentId) await tx.insert(workspaceMembers).values({ workspaceId: w.id, userId: actor.userId, role: "owner" });
        const metadata = { name: w.name, kind: w.kind, parent_id: parentId };
        await recordAudit(tx, actor, {
          workspaceId: w.id,
          action: "workspace.create",
          targetType: "workspace",
          targetId: w.id,
          metadata,
          viaWorkspaceId: parentId,
        });
        if (parentId) {
          await recordAudit(tx, actor, {
            workspaceId: parentId,
            action: "client.create",
            targetType: "workspace",
            targetId: w.id,
            metadata,
            viaWorkspaceId: null,
          });
        }
        return w;
      });
      if (!parentId) return { workspace, role: "owner", via: "direct", viaWorkspaceId: null };
      return (await findMembership({ id: workspace.id }, actor.userId))!;
    } catch (error) {
      if (databaseErrorCode(error) !== "23505") throw error; // slug taken meanwhile: try another
    }
  }
  throw apiError(409, "Could not find a free address for this workspace; try another name.");
}
