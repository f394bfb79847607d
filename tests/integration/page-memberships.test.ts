import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { agencyMemberClients, workspaceMembers, workspaces } from "@/db/schema";
import { listMemberships, listMembershipsCompiled } from "@/db/queries/workspaces";
import { addMember, signedInUser } from "../helpers/api";
import { createWorkspaceAs } from "../helpers/workspaces";

// The console's pages read a person's workspaces with listMembershipsCompiled (a compiled statement); it must
// answer exactly what listMemberships answers, agencies, clients, suspended access and limited seats included.

describe("listMembershipsCompiled", () => {
  it("answers what listMemberships answers, for every kind of seat", async () => {
    const [owner, staff, limited, stranger] = await Promise.all([signedInUser(), signedInUser(), signedInUser(), signedInUser()]);
    const agency = await createWorkspaceAs(owner, "Northwind Agency", { kind: "agency" });
    const a = await createWorkspaceAs(owner, "Client A", { parent_id: agency.id });
    const b = await createWorkspaceAs(owner, "Client B", { parent_id: agency.id });
    const suspended = await createWorkspaceAs(owner, "Client C", { parent_id: agency.id });
    const team = await createWorkspaceAs(staff, "Blue Bakery");
    await addMember(agency.id, staff, "member");
    await addMember(agency.id, limited, "member");
    await addMember(b.id, limited, "viewer");
    const db = getDb();
    await db
      .update(workspaceMembers)
      .set({ clientsLimited: true })
      .where(and(eq(workspaceMembers.workspaceId, agency.id), eq(workspaceMembers.userId, limited.id)));
    await db.insert(agencyMemberClients).values({ agencyId: agency.id, userId: limited.id, clientId: a.id });
    await db.update(workspaces).set({ agencyAccessSuspendedAt: new Date() }).where(eq(workspaces.id, suspended.id));

    for (const user of [owner, staff, limited, stranger]) {
      const compiled = await listMembershipsCompiled(user.id);
      expect(compiled).toEqual(await listMemberships(user.id));
      // twice: the second run is the prepared statement's
      expect(await listMembershipsCompiled(user.id)).toEqual(compiled);
    }
    const slugs = async (id: string) => (await listMembershipsCompiled(id)).map((m) => `${m.workspace.slug}:${m.role}:${m.via}`);
    expect(await slugs(staff.id)).toEqual(
      expect.arrayContaining([`${agency.slug}:member:direct`, `${a.slug}:member:agency`, `${team.slug}:owner:direct`]),
    );
    expect(await slugs(staff.id)).not.toContainEqual(expect.stringContaining(suspended.slug));
    expect(await slugs(limited.id)).toEqual([`${agency.slug}:member:direct`, `${a.slug}:member:agency`, `${b.slug}:viewer:direct`]);
    expect(await listMembershipsCompiled(stranger.id)).toEqual([]);
    const [first] = await listMembershipsCompiled(owner.id);
    expect(first.workspace.createdAt).toBeInstanceOf(Date);
  });
});
