import type { SyncState } from "@/db/calls-schema";
import type { CallListItem } from "@/db/queries/calls";
import type { CampaignListItem } from "@/db/queries/campaigns";
import type { PortfolioFigures } from "@/db/queries/portfolio";
import type { Page } from "@/db/queries/keyset";
import type { MemberRow } from "@/db/queries/members";
import type { Membership } from "@/db/queries/workspaces";
import type { AuditEvent, Invitation, NedzoConnection, Role, Workspace } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session";
import type { AgentWebhook, InstallResult } from "@/lib/calls/agent-webhooks";
import type { Webhook } from "@/lib/calls/webhook";
import { invitationStatus } from "@/lib/invitations/status";
import type { Agent } from "@/lib/nedzo/schemas";

// Every JSON shape of our API (../shared/http-api.md): snake_case, RFC 3339 UTC times. Problem details are
// lib/api/errors.ts's.

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** A list page's cursors: `next_cursor` (older / further), `prev_cursor` (back towards the first page). */
export function serializeCursors(page: Pick<Page<unknown>, "nextCursor" | "prevCursor">) {
  return { next_cursor: page.nextCursor, prev_cursor: page.prevCursor };
}

export function serializeMe(user: SessionUser, memberships: Membership[]) {
  return {
    user: { id: user.id, email: user.email, name: user.name },
    memberships: memberships.map((m) => ({ workspace_id: m.workspace.id, role: m.role })),
  };
}

// ── Workspaces, clients, connections ─────────────────────────────────────────────────────────────

/** The answer of PUT …/nedzo-connection: never the token, only its last 4 characters. */
export function serializeConnection(c: NedzoConnection) {
  return { mode: c.mode, token_last4: c.tokenLast4, verified_at: iso(c.verifiedAt) };
}

/** A workspace's `nedzo`: whether it is connected, and how. */
function serializeNedzoState(c: NedzoConnection | null | undefined) {
  return { connected: Boolean(c), mode: c?.mode ?? null, token_last4: c?.tokenLast4 ?? null, verified_at: iso(c?.verifiedAt) };
}

/** role is the caller's effective role there; null where the caller cannot act (a suspended client). */
export function workspaceJson(w: Workspace, role: Role | null, connection: NedzoConnection | null | undefined) {
  return {
    id: w.id,
    name: w.name,
    slug: w.slug,
    kind: w.kind,
    parent_id: w.parentId,
    timezone: w.timezone,
    role,
    nedzo: serializeNedzoState(connection),
    created_at: iso(w.createdAt),
  };
}

export function serializeWorkspace(m: Membership, connection: NedzoConnection | null | undefined) {
  return workspaceJson(m.workspace, m.role, connection);
}

/** Whether a client lets its agency in (PUT …/agency-access, and each row of the agency's client list). */
export function serializeAgencyAccess(w: Workspace) {
  return {
    agency_access: w.agencyAccessSuspendedAt ? ("suspended" as const) : ("active" as const),
    agency_access_suspended_at: iso(w.agencyAccessSuspendedAt),
  };
}

export type ClientStats = { count: number; last: string | null };

/** A client of the agency, as its staff see it. */
export function serializeClient(w: Workspace, role: Role, connection: NedzoConnection | undefined, stats: ClientStats | undefined) {
  return {
    ...workspaceJson(w, role, connection),
    ...serializeAgencyAccess(w),
    campaign_count: Number(stats?.count ?? 0),
    last_activity_at: stats?.last ? new Date(stats.last).toISOString() : null,
  };
}

/** A client that suspended the agency, as the agency sees it: its name and "suspended", nothing of its own. */
export function serializeSuspendedClient(w: Workspace) {
  return {
    id: w.id,
    name: w.name,
    kind: w.kind,
    parent_id: w.parentId,
    role: null,
    ...serializeAgencyAccess(w),
    nedzo: null,
    campaign_count: null,
    last_activity_at: null,
  };
}

export type ClientRow = ReturnType<typeof serializeClient> | ReturnType<typeof serializeSuspendedClient>;

// ── Campaigns and agents ─────────────────────────────────────────────────────────────────────────

export function serializeCampaign(c: CampaignListItem) {
  return {
    id: c.id,
    workspace_id: c.workspaceId,
    nedzo_campaign_id: c.nedzoCampaignId,
    status: c.status,
    error: c.error ? { status: c.error.status, detail: c.error.detail, ...(c.error.errors ? { errors: c.error.errors } : {}) } : null,
    name: c.name,
    agent_id: c.agentId,
    agent_name: c.agentName,
    start_time: c.startTime,
    end_time: c.endTime,
    timezone: c.timezone,
    min_calls_per_hour: c.minCallsPerHour,
    max_calls_per_hour: c.maxCallsPerHour,
    daily_usage_cap: c.dailyUsageCap,
    max_dials_per_contact: c.maxDialsPerContact,
    dials: c.dials,
    outcome_appointment_booked: c.outcomeAppointmentBooked,
    outcome_callback_requested: c.outcomeCallbackRequested,
    outcome_do_not_call: c.outcomeDoNotCall,
    outcome_failed: c.outcomeFailed,
    outcome_follow_up: c.outcomeFollowUp,
    outcome_no_answer: c.outcomeNoAnswer,
    outcome_not_interested: c.outcomeNotInterested,
    outcome_transferred: c.outcomeTransferred,
    outcome_wrong_number: c.outcomeWrongNumber,
    is_active: c.isActive,
    total_min_used_today: c.totalMinUsedToday,
    total_min_used: c.totalMinUsed,
    total_pickups: c.totalPickups,
    total_positive_outcomes: c.totalPositiveOutcomes,
    created_by: c.createdBy ? { id: c.createdBy, email: c.creatorEmail } : null,
    via_workspace_id: c.viaWorkspaceId,
    via_workspace_name: c.viaWorkspaceName,
    created_at: iso(c.createdAt),
    updated_at: iso(c.updatedAt),
    synced_at: iso(c.syncedAt),
  };
}

export type CampaignJson = ReturnType<typeof serializeCampaign>;
export type WorkspaceJson = ReturnType<typeof serializeWorkspace>;

export function serializeAgent(a: Agent) {
  return { id: a.id, name: a.name, is_active: a.isActive ?? null };
}

// ── Members, invitations, the audit trail ────────────────────────────────────────────────────────

/** With an agency's client limits (for its admins): whether the seat is limited, and to which ([] = none). */
export function serializeMember(m: MemberRow, limits?: Map<string, string[]> | null) {
  return {
    user_id: m.userId,
    email: m.email,
    name: m.name,
    role: m.role,
    via: m.via,
    joined_at: m.joinedAt.toISOString(),
    ...(limits ? { clients_limited: limits.has(m.userId), client_ids: limits.get(m.userId) ?? null } : {}),
  };
}

/** PUT …/members/:user_id/clients: the seat's limit as it now is (`client_ids` null when unlimited). */
export function serializeClientLimit(userId: string, limit: { clientsLimited: boolean; clientIds: string[] | null }) {
  return { user_id: userId, clients_limited: limit.clientsLimited, client_ids: limit.clientIds };
}

export function serializeInvitation(i: Invitation) {
  return {
    id: i.id,
    email: i.email,
    role: i.role,
    status: invitationStatus(i),
    expires_at: i.expiresAt.toISOString(),
    sent_at: i.sentAt.toISOString(),
    created_at: i.createdAt.toISOString(),
  };
}

export function serializeAuditEvent(e: AuditEvent) {
  return {
    id: e.id,
    action: e.action,
    actor: e.actorId ? { id: e.actorId, email: e.actorEmail } : null,
    via_workspace_id: e.viaWorkspaceId,
    target_type: e.targetType,
    target_id: e.targetId,
    outcome: e.outcome,
    ip: e.ip,
    user_agent: e.userAgent,
    created_at: e.createdAt.toISOString(),
    metadata: e.metadata,
  };
}

// ── The calls mirror ──────────────────────────────────────────────────────────────────────────────

/** A contact number as a viewer sees it: the last 4 digits. */
export const maskPhone = (phone: string | null) => (phone ? `•••${phone.replace(/\D/g, "").slice(-4)}` : null);

export function serializeCall(c: CallListItem & { transcript?: string | null }, options: { wholeContact: boolean; detail?: boolean }) {
  return {
    id: c.id,
    nedzo_conversation_id: c.nedzoConversationId,
    campaign_id: c.campaignId,
    agent_id: c.agentId,
    started_at: iso(c.startedAt),
    ended_at: iso(c.endedAt),
    duration_seconds: c.durationSeconds,
    outcome: c.outcome,
    outcome_key: c.outcomeKey,
    ended_reason: c.endedReason,
    contact_phone: options.wholeContact ? c.contactPhone : maskPhone(c.contactPhone),
    agent_phone: c.agentPhone,
    summary: c.summary,
    appointment_at: iso(c.appointmentAt),
    ...(options.detail
      ? { transcript: options.wholeContact ? (c.transcript ?? null) : null, recording_url: options.wholeContact ? c.recordingUrl : null }
      : {}),
  };
}

export function serializeSync(state: SyncState | null, calls: number) {
  return {
    status: state?.status ?? "idle",
    requested_at: iso(state?.requestedAt),
    last_success_at: iso(state?.lastSuccessAt),
    last_error: state?.lastError ?? null,
    needs_attention: Boolean(state?.needsAttentionAt),
    calls,
  };
}

export function serializeWebhook(w: Webhook) {
  return { url: w.url, created_at: iso(w.createdAt), last_received_at: iso(w.lastReceivedAt) };
}

export function serializeFigures(f: Omit<PortfolioFigures, "workspaceId">) {
  return {
    campaigns: f.campaigns,
    dials: f.dials,
    pickups: f.pickups,
    appointments: f.appointments,
    positive: f.positive,
    minutes: f.minutes,
    minutes_today: f.minutesToday,
    synced_at: iso(f.syncedAt),
  };
}

export function serializePortfolioRow(w: Workspace, f: PortfolioFigures, connection: NedzoConnection | null, sync: SyncState | null) {
  return {
    workspace: { id: w.id, name: w.name, slug: w.slug },
    suspended: false,
    ...serializeFigures(f),
    connection: { connected: Boolean(connection), mode: connection?.mode ?? null, needs_attention: Boolean(sync?.needsAttentionAt) },
  };
}

/** A client that suspended its agency: its name and "suspended", nothing else. */
export function serializeSuspendedPortfolioRow(w: Workspace) {
  const none = {
    campaigns: null,
    dials: null,
    pickups: null,
    appointments: null,
    positive: null,
    minutes: null,
    minutes_today: null,
    synced_at: null,
  };
  return { workspace: { id: w.id, name: w.name, slug: null }, suspended: true, ...none, connection: null };
}

export function serializeAgentWebhook(a: AgentWebhook) {
  return { agent_id: a.agentId, name: a.name, webhook_url: a.url, state: a.state };
}

export function serializeInstallResult(r: InstallResult) {
  return { agent_id: r.agentId, name: r.name, result: r.result, detail: r.detail };
}
