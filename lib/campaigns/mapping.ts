import type { Campaign, NewCampaign } from "@/db/schema";
import type { CampaignRequest, UpstreamCampaign } from "@/lib/nedzo/schemas";

// The one mapping of a campaign between its three forms: the request (Nedzo's eight fields, as our API and
// the form take them), the row of our mirror, and the counters Nedzo answers with.

/** The request's eight fields as row fields (the create writes them before anything is sent). */
export function rowFieldsOf(r: CampaignRequest) {
  return {
    name: r.name,
    agentId: r.agent_id,
    startTime: r.start_time,
    endTime: r.end_time,
    minCallsPerHour: r.min_calls_per_hour,
    maxCallsPerHour: r.max_calls_per_hour,
    dailyUsageCap: r.daily_usage_cap,
    maxDialsPerContact: r.max_dials_per_contact,
  } satisfies Partial<NewCampaign>;
}

/** The request again, from the row: what the create job sends (and a confirmed retry resends). */
export function requestOf(c: Campaign): CampaignRequest {
  return {
    name: c.name,
    agent_id: c.agentId,
    start_time: c.startTime,
    end_time: c.endTime,
    min_calls_per_hour: c.minCallsPerHour,
    max_calls_per_hour: c.maxCallsPerHour,
    daily_usage_cap: c.dailyUsageCap,
    max_dials_per_contact: c.maxDialsPerContact,
  };
}

/** Nedzo's campaign as the row's id and counters. */
export function countersFrom(c: UpstreamCampaign): Partial<NewCampaign> {
  return {
    nedzoCampaignId: c.id,
    dials: c.dials,
    outcomeAppointmentBooked: c.outcome_appointment_booked,
    outcomeCallbackRequested: c.outcome_callback_requested,
    outcomeDoNotCall: c.outcome_do_not_call,
    outcomeFailed: c.outcome_failed,
    outcomeFollowUp: c.outcome_follow_up,
    outcomeNoAnswer: c.outcome_no_answer,
    outcomeNotInterested: c.outcome_not_interested,
    outcomeTransferred: c.outcome_transferred,
    outcomeWrongNumber: c.outcome_wrong_number,
    isActive: c.is_active,
    totalMinUsedToday: c.total_min_used_today,
    totalMinUsed: c.total_min_used,
    totalPickups: c.total_pickups,
    totalPositiveOutcomes: c.total_positive_outcomes,
  };
}
