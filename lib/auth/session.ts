import { and, eq, gt } from "drizzle-orm";
import { getDb } from "@/db";
import { sessions, users } from "@/db/schema";

// Sessions are rows (Auth.js database strategy): the cookie holds an opaque token we look up.

export const SESSION_COOKIES = ["__Secure-authjs.session-token", "authjs.session-token"] as const;

export type SessionUser = { id: string; email: string; name: string | null };

export function sessionTokenFromCookieHeader(header: string | null): string | null {
  if (!header) return null;
  const jar = new Map(
    header.split(";").map((part) => {
      const i = part.indexOf("=");
      return [part.slice(0, i).trim(), decodeURIComponent(part.slice(i + 1).trim())] as const;
    }),
  );
  for (const name of SESSION_COOKIES) {
    const value = jar.get(name);
    if (value) return value;
  }
  return null;
}

export async function userForSessionToken(token: string | null): Promise<SessionUser | null> {
  if (!token) return null;
  const [row] = await getDb()
    .select({ id: users.id, email: users.email, name: users.name })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.sessionToken, token), gt(sessions.expires, new Date())))
    .limit(1);
  return row?.email ? { id: row.id, email: row.email, name: row.name } : null;
}

export async function userFromRequest(req: Request): Promise<SessionUser | null> {
  return userForSessionToken(sessionTokenFromCookieHeader(req.headers.get("cookie")));
}
