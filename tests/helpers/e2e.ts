import type { Page } from "playwright-core";
import type { startSmtpSink } from "./smtp-sink";

type Sink = Awaited<ReturnType<typeof startSmtpSink>>;

export function linkIn(mailText: string, path: RegExp): string {
  const link = mailText.match(path)?.[0];
  if (!link) throw new Error(`no link matching ${path} in:\n${mailText}`);
  return link;
}

/** Signs in through the real form and the mailed magic link; leaves the page wherever Auth.js lands. */
export async function signInByEmail(page: Page, baseUrl: string, sink: Sink, email: string, startAt = "/sign-in") {
  const before = sink.mails.filter((m) => m.to === email).length;
  if (startAt) await page.goto(`${baseUrl}${startAt}`);
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await page.getByRole("heading", { name: "Check your email" }).waitFor();
  const deadline = Date.now() + 20_000;
  while (sink.mails.filter((m) => m.to === email).length <= before) {
    if (Date.now() > deadline) throw new Error(`no sign-in mail to ${email}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const mail = sink.mails.filter((m) => m.to === email).at(-1)!;
  await page.goto(linkIn(mail.text, /http:\/\/localhost:\d+\/api\/auth\/callback\/nodemailer\?[^\s"<>]+/));
}
