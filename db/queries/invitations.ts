import { and, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { invitations, type Invitation } from "@/db/schema";
import { keysetOrder, keysetWhere, newestFirst, pageOf, type Cursor, type Page } from "./keyset";

// Reads of a workspace's invitations, newest first, keyset-paginated; every one takes the workspace id first.

export type InvitationPageOptions = { limit: number; cursor?: Cursor | null };

const order = (cursor?: Cursor | null) => newestFirst(invitations.createdAt, invitations.id, cursor);

/** The list's query, as built for the API and the Members page (the plan test EXPLAINs this very query). */
export function invitationListSelect(workspaceId: string, options: InvitationPageOptions) {
  return getDb()
    .select()
    .from(invitations)
    .where(and(eq(invitations.workspaceId, workspaceId), keysetWhere(order(options.cursor))))
    .orderBy(...keysetOrder(order(options.cursor)))
    .limit(options.limit + 1);
}

export async function listInvitationPage(workspaceId: string, options: InvitationPageOptions): Promise<Page<Invitation>> {
  return pageOf(await invitationListSelect(workspaceId, options), options.limit, order(options.cursor));
}
