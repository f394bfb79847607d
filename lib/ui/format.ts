// Display helpers shared by pages and client components.

const integer = new Intl.NumberFormat("en-US");
const minutes = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });

export const formatCount = (n: number) => integer.format(n);
export const formatMinutes = (n: number) => `${minutes.format(n)} min`;
export const formatWindow = (start: string, end: string) => `${start.slice(0, 5)}–${end.slice(0, 5)}`;

export function formatDateTime(iso: string | null, timeZone = "UTC"): string {
  if (!iso) return "—";
  return new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone }).format(new Date(iso));
}

export const OUTCOME_LABELS = {
  outcome_appointment_booked: "Appointment booked",
  outcome_callback_requested: "Callback requested",
  outcome_transferred: "Transferred",
  outcome_follow_up: "Follow-up",
  outcome_not_interested: "Not interested",
  outcome_no_answer: "No answer",
  outcome_wrong_number: "Wrong number",
  outcome_do_not_call: "Do not call",
  outcome_failed: "Failed",
} as const;
