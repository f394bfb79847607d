import { and, eq, gt, sql, type Placeholder } from "drizzle-orm";
import { compile, getDb, type Statement } from "@/db";
import { sessions, users } from "@/db/schema";
import { env } from "@/lib/env";

// Sessions are rows (Auth.js database strategy): the cookie holds an opaque token we look up.

export const SESSION_COOKIES = ["__Secure-authjs.session-token", "authjs.session-token"] as const;

/**
 * The one cookie name Auth.js uses for this app: `__Secure-` prefixed when the app's origin is HTTPS. Only
 * that name is read — a plain-named cookie planted by a sibling site must not sign anyone in.
 */
export function sessionCookieName(): (typeof SESSION_COOKIES)[number] {
  return env().APP_ORIGIN.startsWith("https:") ? SESSION_COOKIES[0] : SESSION_COOKIES[1];
}

function decodeCookie(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null; // another site's malformed cookie is not ours to fail on
  }
}

export type SessionUser = { id: string; email: string; name: string | null };

export function sessionTokenFromCookieHeader(header: string | null): string | null {
  if (!header) return null;
  const wanted = sessionCookieName();
  for (const part of header.split(";")) {
    const i = part.indexOf("=");
    if (i > 0 && part.slice(0, i).trim() === wanted) return decodeCookie(part.slice(i + 1).trim()) || null;
  }
  return null;
}

/** The session lookup as run (bench/baseline-server.ts runs this very SQL without the framework). */
export function sessionUserSelect(token: string | Placeholder, now: Date | Placeholder = new Date()) {
  return getDb()
    .select({ id: users.id, email: users.email, name: users.name })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.sessionToken, token), gt(sessions.expires, now)))
    .limit(1);
}

let statement: Statement<SessionUser> | undefined;

export async function userForSessionToken(token: string | null): Promise<SessionUser | null> {
  if (!token) return null;
  statement ??= compile(sessionUserSelect(sql.placeholder("token"), sql.placeholder("now")));
  const [row] = await statement.run({ token, now: new Date().toISOString() });
  return row?.email ? { id: row.id, email: row.email, name: row.name } : null;
}

export async function userFromRequest(req: Request): Promise<SessionUser | null> {
  return userForSessionToken(sessionTokenFromCookieHeader(req.headers.get("cookie")));
}
