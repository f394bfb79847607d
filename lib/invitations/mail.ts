import type { Workspace } from "@/db/schema";
import { env } from "@/lib/env";
import type { Mail } from "@/lib/mail";

export function appBaseUrl(req: Request): string {
  const configured = env().AUTH_URL;
  if (configured) return new URL(configured).origin;
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  const proto = req.headers.get("x-forwarded-proto") ?? new URL(req.url).protocol.replace(":", "");
  return host ? `${proto}://${host}` : new URL(req.url).origin;
}

export function invitationMail(to: string, workspace: Workspace, role: string, inviter: string, url: string): Mail {
  return {
    to,
    subject: `${inviter} invited you to ${workspace.name} on Campaign Console`,
    text: `${inviter} invited you to join ${workspace.name} as ${role}.\n\nAccept: ${url}\n\nThe link works for 7 days. Sign in with this address (${to}) to accept.`,
  };
}
