import type { Invitation } from "@/db/schema";

/** Where an invitation stands: used once, revoked, past its 7 days, or still pending. */
export function invitationStatus(i: Invitation, now = new Date()): "pending" | "accepted" | "revoked" | "expired" {
  if (i.acceptedAt) return "accepted";
  if (i.revokedAt) return "revoked";
  return i.expiresAt <= now ? "expired" : "pending";
}
