import type { Db } from "@/db";
import { auditEvents } from "@/db/schema";
import { clientAddress } from "@/lib/http/client-address";

// The audit trail: one row per change, written with the same executor (transaction) as the change, so
// that either both are stored or neither is.

export type Executor = Pick<Db, "insert" | "select" | "update" | "delete" | "execute">;

export type Actor = {
  userId: string;
  email: string;
  /** the agency through which the actor acted, when not a direct member */
  viaWorkspaceId: string | null;
  ip: string | null;
  userAgent: string | null;
};

export type AuditInput = {
  workspaceId: string;
  action: string;
  targetType: string;
  targetId?: string | null;
  outcome?: "success" | "failure" | string;
  metadata?: Record<string, unknown>;
  /** overrides the actor's agency for this event (e.g. an event recorded in the agency itself) */
  viaWorkspaceId?: string | null;
};

const SECRET_KEY = /token|secret|password|authorization|cookie|key$/i;

/** Metadata is for people reading the trail: anything that looks like a secret is dropped. */
export function safeMetadata(metadata: Record<string, unknown> = {}): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(metadata)
      .filter(([k]) => !SECRET_KEY.test(k) || k === "token_last4")
      .map(([k, v]) => [k, v && typeof v === "object" && !Array.isArray(v) ? safeMetadata(v as Record<string, unknown>) : v]),
  );
}

/** For changes the app makes by itself (the sweeper): no person, no request. */
export const SYSTEM_ACTOR: Actor = { userId: "", email: "system", viaWorkspaceId: null, ip: null, userAgent: null };

export async function recordAudit(db: Executor, actor: Actor, event: AuditInput): Promise<void> {
  await db.insert(auditEvents).values({
    workspaceId: event.workspaceId,
    action: event.action,
    actorId: actor.userId || null,
    actorEmail: actor.email,
    viaWorkspaceId: event.viaWorkspaceId === undefined ? actor.viaWorkspaceId : event.viaWorkspaceId,
    targetType: event.targetType,
    targetId: event.targetId ?? null,
    outcome: event.outcome ?? "success",
    ip: actor.ip,
    userAgent: actor.userAgent?.slice(0, 500) ?? null,
    metadata: safeMetadata(event.metadata),
  });
}

/** Where a request came from, for the trail: the client address as lib/http/client-address.ts decides it. */
export function requestOrigin(req: Request): { ip: string | null; userAgent: string | null } {
  return { ip: clientAddress(req.headers), userAgent: req.headers.get("user-agent") };
}
