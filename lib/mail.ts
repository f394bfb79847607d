import { createTransport, type Transporter } from "nodemailer";
import { env } from "@/lib/env";
import { printForDeveloper } from "@/lib/log/logger";

// Sign-in and invitation mail. With no EMAIL_SERVER in development, the message is printed to the
// server log instead, so a fresh checkout can sign in with nothing else installed.

export type Mail = { to: string; subject: string; text: string; html?: string };

let transport: Transporter | undefined;

export async function sendMail(mail: Mail): Promise<void> {
  const settings = env();
  if (!settings.EMAIL_SERVER) {
    if (settings.isProduction) throw new Error("EMAIL_SERVER is not set: sign-in mail cannot be sent in production.");
    printForDeveloper(`\n[mail] To: ${mail.to}\n[mail] Subject: ${mail.subject}\n${mail.text}\n`);
    return;
  }
  transport ??= createTransport(settings.EMAIL_SERVER);
  const result = await transport.sendMail({ from: settings.EMAIL_FROM, ...mail });
  const failed = [...(result.rejected ?? []), ...((result as { pending?: string[] }).pending ?? [])];
  if (failed.length) throw new Error(`Mail to ${failed.join(", ")} could not be sent.`);
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function signInMail(to: string, url: string): Mail {
  const { host } = new URL(url);
  return {
    to,
    subject: `Sign in to Campaign Console (${host})`,
    text: `Sign in to Campaign Console:\n${url}\n\nThe link works once, for 24 hours. If you did not ask for it, ignore this mail.`,
    html: `<p>Sign in to Campaign Console:</p><p><a href="${escapeHtml(url)}">Sign in</a></p><p>The link works once, for 24 hours. If you did not ask for it, ignore this mail.</p>`,
  };
}
