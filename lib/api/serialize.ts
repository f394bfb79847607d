import type { CampaignWithCreator } from "@/db/queries/campaigns";
import type { MemberRow } from "@/db/queries/members";
import type { Membership } from "@/db/queries/workspaces";
import type { NedzoConnection, Role, Workspace } from "@/db/schema";

// Our JSON shapes (../shared/http-api.md): snake_case, RFC 3339 UTC times.

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export function serializeConnection(c: NedzoConnection | null | undefined) {
  return {
    connected: Boolean(c),
    mode: c?.mode ?? null,
    token_last4: c?.tokenLast4 ?? null,
    verified_at: iso(c?.verifiedAt),
  };
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
    nedzo: serializeConnection(connection),
    created_at: iso(w.createdAt),
  };
}

export function serializeWorkspace(m: Membership, connection: NedzoConnection | null | undefined) {
  return workspaceJson(m.workspace, m.role, connection);
}

export function serializeCampaign(c: CampaignWithCreator) {
  return {
    id: c.id,
    workspace_id: c.workspaceId,
    nedzo_campaign_id: c.nedzoCampaignId,
    status: c.status,
    error: c.error ? { status: c.error.status, detail: c.error.detail, ...(c.error.errors ? { errors: c.error.errors } : {}) } : null,
    name: c.name,
    agent_id: c.agentId,
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

export function serializeMember(m: MemberRow) {
  return { user_id: m.userId, email: m.email, name: m.name, role: m.role, via: m.via, joined_at: m.joinedAt.toISOString() };
}
