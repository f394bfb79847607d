import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { safeRedirectPath } from "@/lib/http/safe-redirect";
import { SESSION_COOKIES, userForSessionToken, type SessionUser } from "./session";

// For server components: the signed-in user, or a redirect to sign-in.

export async function currentUser(): Promise<SessionUser | null> {
  const jar = await cookies();
  const token = SESSION_COOKIES.map((name) => jar.get(name)?.value).find(Boolean) ?? null;
  return userForSessionToken(token);
}

export async function requireUser(returnTo?: string): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect(returnTo ? `/sign-in?callbackUrl=${encodeURIComponent(safeRedirectPath(returnTo))}` : "/sign-in");
  return user;
}
