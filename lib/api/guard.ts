import type { z } from "zod";
import { sessionMembership, type Membership } from "@/db/queries/workspaces";
import { can, type Permission } from "@/lib/auth/permissions";
import { sessionTokenFromCookieHeader, userFromRequest, type SessionUser } from "@/lib/auth/session";
import { requestOrigin, type Actor } from "@/lib/audit";
import { env } from "@/lib/env";
import { log } from "@/lib/log/logger";
import { routePattern, traceRequest } from "@/lib/log/request";
import { ApiError, apiError, databaseErrorCode, problemResponse } from "./errors";
import { parseQuery } from "./pagination";
import { parseBody, rejectNulInQuery } from "./parse";

// The one route guard: authenticate, load the membership (direct or through the agency), answer 404
// to strangers and 403 to a role too low, parse the query string and the body with the route's own zod
// schemas (400/413/415/422 naming each field), and render every error as problem details.

type RouteContext = { params?: Promise<Record<string, string | string[]> | undefined> };
type Params = Record<string, string>;

/** The route's schemas: `query` for its query string, `body` for its JSON body. A route reads neither by hand. */
export type Schemas = { query?: z.ZodType; body?: z.ZodType };
type Parsed<S extends Schemas> = {
  query: S["query"] extends z.ZodType ? z.output<S["query"]> : undefined;
  body: S["body"] extends z.ZodType ? z.output<S["body"]> : undefined;
};

type Base = { req: Request; user: SessionUser; params: Params; actor: Actor };
export type UserContext<S extends Schemas = Schemas> = Base & Parsed<S>;
export type WorkspaceContext<S extends Schemas = Schemas> = UserContext<S> & { membership: Membership; workspaceId: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/**
 * Cookie-authenticated writes must come from our own origin (browsers always send Origin on them). Our
 * origin is the configured one (AUTH_URL), never derived from Host / X-Forwarded-Host: whoever forges
 * Origin can forge those too.
 */
function checkOrigin(req: Request): void {
  if (req.method === "GET" || req.method === "HEAD") return;
  const origin = req.headers.get("origin");
  if (origin && origin !== env().APP_ORIGIN) throw apiError(403, "Cross-origin writes are not allowed.");
}

/** A log line for an unexpected error, without query parameters (they can hold session tokens). */
export function describeError(error: unknown): string {
  const first = (e: unknown) => (e instanceof Error ? e.message : String(e)).split("\n")[0].slice(0, 300);
  const cause = (error as { cause?: unknown })?.cause;
  const frames =
    error instanceof Error
      ? (error.stack ?? "")
          .split("\n")
          .filter((l) => l.trimStart().startsWith("at "))
          .slice(0, 5)
          .join("\n")
      : "";
  return `${first(error)}${cause ? ` (cause: ${first(cause)})` : ""}${frames ? `\n${frames}` : ""}`;
}

export function renderError(error: unknown): Response {
  if (error instanceof ApiError) return problemResponse(error);
  const code = databaseErrorCode(error);
  if (
    code &&
    [
      "ECONNREFUSED",
      "ECONNRESET",
      "57P01",
      "57P03",
      "08006",
      "08001",
      "CONNECTION_CLOSED",
      "CONNECTION_ENDED",
      "CONNECTION_DESTROYED",
      "CONNECT_TIMEOUT",
    ].includes(code)
  ) {
    return problemResponse(apiError(503, "The database is unavailable; try again shortly.", { headers: { "retry-after": "5" } }));
  }
  log.error({ error: describeError(error) }, "unexpected error in an API route");
  return problemResponse(new ApiError(500, "Internal error", "Something went wrong on our side; it has been logged."));
}

async function resolveParams(ctx?: RouteContext): Promise<Params> {
  // Next passes no params (undefined) to routes without dynamic segments.
  const raw = (ctx && (await ctx.params)) ?? {};
  const params = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v.join("/") : v]));
  // no id of ours contains NUL (and PostgreSQL could not compare it): such a path names nothing
  if (Object.values(params).some((v) => v.includes("\u0000"))) throw apiError(404, "Not found.");
  return params;
}

/** Who is calling, and what the route's own lookup found with them (null user: not signed in). */
type Lookup<F> = (req: Request, params: Params | null) => Promise<{ user: SessionUser | null; found: F }>;

const sessionOnly: Lookup<undefined> = async (req) => ({ user: await userFromRequest(req), found: undefined });

/**
 * Authenticate (401), check the Origin of cookie writes (403), refuse NUL in the query string, then let
 * `admit` decide (404 / 403), and only then read the query string and the body through the route's schemas.
 * `lookup` finds the caller (and, for a workspace route, their membership in the same statement).
 */
function guard<S extends Schemas, C extends Base, F>(
  schemas: S,
  lookup: Lookup<F>,
  admit: (base: Base, found: F) => C | Promise<C>,
  handler: (ctx: C & Parsed<S>) => Promise<Response>,
) {
  return async (req: Request, ctx?: RouteContext): Promise<Response> => {
    const resolved: { url?: URL; params?: Params } = {};
    const route = async () =>
      routePattern((resolved.url ?? new URL(req.url)).pathname, resolved.params ?? (await resolveParams(ctx).catch(() => ({}))));
    return traceRequest(req, route, () => run(req, ctx, resolved));
  };

  async function run(req: Request, ctx: RouteContext | undefined, resolved: { url?: URL; params?: Params }): Promise<Response> {
    try {
      // a bad path (NUL) is a 404, answered after the 401 as before
      const params = await resolveParams(ctx).catch((error: unknown) => error as Error);
      if (!(params instanceof Error)) resolved.params = params;
      const { user, found } = await lookup(req, params instanceof Error ? null : params);
      if (!user) throw apiError(401, "Sign in first.");
      checkOrigin(req);
      const url = (resolved.url = new URL(req.url));
      rejectNulInQuery(url);
      if (params instanceof Error) throw params;
      const actor: Actor = { userId: user.id, email: user.email, viaWorkspaceId: null, ...requestOrigin(req) };
      const admitted = await admit({ req, user, params, actor }, found);
      const query = schemas.query ? parseQuery(schemas.query, url.searchParams) : undefined;
      const body = schemas.body ? await parseBody(req, schemas.body) : undefined;
      return await handler({ ...admitted, query, body } as C & Parsed<S>);
    } catch (error) {
      return renderError(error);
    }
  }
}

/** A route for any signed-in person (no workspace in its path). */
export function withUser<S extends Schemas>(schemas: S, handler: (ctx: UserContext<S>) => Promise<Response>) {
  return guard(schemas, sessionOnly, (base) => base, handler);
}

/** The session's person and their membership of the path's workspace, in one statement. */
const sessionAndMembership: Lookup<Membership | null> = async (req, params) => {
  const workspaceId = params?.workspace_id;
  if (!workspaceId || !isUuid(workspaceId)) return { user: (await sessionOnly(req, params)).user, found: null };
  const token = sessionTokenFromCookieHeader(req.headers.get("cookie"));
  if (!token) return { user: null, found: null };
  const { user, membership } = await sessionMembership(token, workspaceId);
  return { user, found: membership };
};

/** A route of one workspace (`workspace_id` in its path): members only (404 otherwise), with this permission (403). */
export function withWorkspace<S extends Schemas>(
  options: S & { permission: Permission },
  handler: (ctx: WorkspaceContext<S>) => Promise<Response>,
) {
  return guard(
    options,
    sessionAndMembership,
    ({ user, params, actor, req }, membership) => {
      if (!membership) throw apiError(404, "No such workspace.");
      if (!can(membership.role, options.permission)) {
        throw apiError(403, `Your role (${membership.role}) may not do this here.`);
      }
      return {
        req,
        user,
        params,
        membership,
        workspaceId: membership.workspace.id,
        actor: { ...actor, viaWorkspaceId: membership.viaWorkspaceId },
      };
    },
    handler,
  );
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
}
