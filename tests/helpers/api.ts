import { randomBytes, randomUUID } from "node:crypto";
import { getDb } from "@/db";
import { sessions, users, workspaceMembers, type Role } from "@/db/schema";
import { sessionCookieName } from "@/lib/auth/session";
import { stampMarker } from "@/lib/http/client-address";

// Calls route handlers as Next.js does: a Request and a context whose params are a promise.

export type TestUser = { id: string; email: string; cookie: string };

export async function signedInUser(email = `user-${randomUUID()}@example.test`): Promise<TestUser> {
  const [user] = await getDb().insert(users).values({ email, emailVerified: new Date() }).returning();
  const token = randomBytes(24).toString("hex");
  await getDb()
    .insert(sessions)
    .values({ sessionToken: token, userId: user.id, expires: new Date(Date.now() + 86_400_000) });
  return { id: user.id, email, cookie: `authjs.session-token=${token}` };
}

export async function addMember(workspaceId: string, user: TestUser, role: Role): Promise<void> {
  await getDb().insert(workspaceMembers).values({ workspaceId, userId: user.id, role });
}

type Handler = (req: Request, ctx: { params?: Promise<Record<string, string> | undefined> }) => Promise<Response>;

export type CallOptions = {
  user?: TestUser | null;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  params?: Record<string, string>;
  query?: string;
};

export type CallResult = { status: number; headers: Headers; body: any; text: string };

export async function call(handler: Handler, method: string, path: string, options: CallOptions = {}): Promise<CallResult> {
  // as the server hands a request to Next: stamped with the peer's address (see lib/http/client-address.ts),
  // and with the session cookie under the one name this app reads (`__Secure-` on HTTPS)
  const [marker, secret] = stampMarker();
  const headers: Record<string, string> = { "x-forwarded-for": "127.0.0.1", ...options.headers, [marker]: secret };
  if (options.user) headers.cookie = `${sessionCookieName()}=${options.user.cookie.split("=")[1]}`;
  let body: string | undefined;
  if (options.rawBody !== undefined) body = options.rawBody;
  else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers["content-type"] ??= "application/json";
  }
  const url = `http://localhost:3000${path}${options.query ? `?${options.query}` : ""}`;
  // As Next does: routes without dynamic segments get a context whose params resolve to undefined.
  const res = await handler(new Request(url, { method, headers, body }), { params: Promise.resolve(options.params) });
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  return { status: res.status, headers: res.headers, body: parsed, text };
}
