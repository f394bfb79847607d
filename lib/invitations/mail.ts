import type { Workspace } from "@/db/schema";
import { env } from "@/lib/env";
import type { Mail } from "@/lib/mail";

/**
 * The origin invitation links are built on: the configured one (AUTH_URL), never the request's Host or
 * X-Forwarded-Host, which anyone can set. The request is accepted, and ignored, so callers need not change.
 */
export function appBaseUrl(_req?: Request): string {
  return env().APP_ORIGIN;
}

export function invitationMail(to: string, workspace: Workspace, role: string, inviter: string, url: string): Mail {
  return {
    to,
    subject: `${inviter} invited you to ${workspace.name} on Campaign Console`,
    text: `${inviter} invited you to join ${workspace.name} as ${role}.\n\nAccept: ${url}\n\nThe link works for 7 days. Sign in with this address (${to}) to accept.`,
  };
}
