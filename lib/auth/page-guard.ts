import "server-only";
import type { Metadata } from "next";
import { cache } from "react";
import { notFound } from "next/navigation";
import { getConnectionAndSync, getWorkspaceName, listMembershipsCompiled, type Membership } from "@/db/queries/workspaces";
import type { SessionUser } from "@/lib/auth/session";
import { can, type Permission } from "@/lib/auth/permissions";
import { currentUser, requireUser } from "./current-user";
import "@/lib/debug/sql-stats";

// The one guard for pages. Everything is cached per render (React `cache`), so the console layout, the
// workspace layout, the page and its generateMetadata share one session lookup and one membership query.
// It answers notFound() exactly where the API answers 404: a stranger and a slug that does not exist look
// the same. A role without a permission gets <Forbidden> (the API's 403), never a page it cannot use.

export { currentUser, requireUser };

/** Every workspace the signed-in person can act in (agencies first, then by name); [] when signed out. */
export const currentMemberships = cache(async (): Promise<Membership[]> => {
  const user = await currentUser();
  return user ? listMembershipsCompiled(user.id) : [];
});

export type PageWorkspace = Membership & { user: SessionUser; can: (permission: Permission) => boolean };

/** The person's membership of this workspace, or null (signed out, a stranger, or no such slug). */
export const findWorkspace = cache(async (slug: string): Promise<PageWorkspace | null> => {
  const user = await currentUser();
  if (!user) return null;
  // the same membership rule as the API (db/queries/workspaces.ts), read once for the switcher and the page
  const membership = (await currentMemberships()).find((m) => m.workspace.slug === slug);
  return membership ? { ...membership, user, can: (permission) => can(membership.role, permission) } : null;
});

/**
 * A workspace page's access: signed out → sign-in (then back to `returnTo`), stranger or unknown slug →
 * notFound(). Pages check a permission with `ws.can(…)` and render <Forbidden> when it is missing.
 */
export async function requireWorkspace(slug: string, returnTo = `/w/${slug}`): Promise<PageWorkspace> {
  await requireUser(returnTo);
  const ws = await findWorkspace(slug);
  if (!ws) notFound();
  return ws;
}

/**
 * The workspace's Nedzo connection and sync state, read once per render in one statement (the layout's
 * banners, the page's Sync control and whatever else the page shows of them share it).
 */
export const workspaceState = cache(getConnectionAndSync);

/** The workspace's Nedzo connection (null: not connected), from the render's one read of its state. */
export const workspaceConnection = cache(async (workspaceId: string) => (await workspaceState(workspaceId)).connection);

/** A workspace's name (the agency a client belongs to), read once per render. */
export const workspaceName = cache(getWorkspaceName);

/** The tab title of a workspace page: "Members · Blue Bakery" (from the cached membership: no query of its own). */
export async function workspaceTitle(slug: string, section: string): Promise<Metadata> {
  const ws = await findWorkspace(slug);
  return ws ? { title: { absolute: `${section} · ${ws.workspace.name}` } } : { title: section };
}
