import { cache } from "react";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { safeRedirectPath } from "@/lib/http/safe-redirect";
import { SESSION_COOKIES, userForSessionToken, type SessionUser } from "./session";

// For server components: the signed-in user (one session lookup per render, however many layouts, pages
// and metadata ask), or a redirect to sign-in. Workspace pages use lib/auth/page-guard.ts.

export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const jar = await cookies();
  const token = SESSION_COOKIES.map((name) => jar.get(name)?.value).find(Boolean) ?? null;
  return userForSessionToken(token);
});

export async function requireUser(returnTo?: string): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect(returnTo ? `/sign-in?callbackUrl=${encodeURIComponent(safeRedirectPath(returnTo))}` : "/sign-in");
  return user;
}
