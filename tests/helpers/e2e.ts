import { afterAll, afterEach, beforeAll } from "vitest";
import type { Browser, Page } from "playwright-core";
import { startApp, type AppServer } from "./app-server";
import { launchChromium } from "./browser";
import { startSmtpSink } from "./smtp-sink";

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

export type E2eWorld = { app: AppServer; sink: Sink; browser: Browser };

/**
 * One built app (with its own database and SMTP sink) and one Chromium per test file; the app's log is
 * printed when a test fails. Returns a getter, valid from beforeAll on.
 */
export function useBrowserApp(extraEnv: (sink: Sink) => Record<string, string> = () => ({})): () => E2eWorld {
  let world: Partial<E2eWorld> = {};
  let failed = false;
  beforeAll(async () => {
    const sink = await startSmtpSink();
    const app = await startApp({ EMAIL_SERVER: sink.url, ...extraEnv(sink) });
    world = { sink, app, browser: await launchChromium() };
  });
  afterEach(({ task }) => {
    if (task.result?.state === "fail") failed = true;
  });
  afterAll(async () => {
    if (failed) console.log(`app log:\n${world.app?.logs.join("")}`);
    await world.browser?.close();
    await world.app?.stop();
    await world.sink?.close();
  });
  return () => world as E2eWorld;
}

/** Saves a full-page screenshot when E2E_SCREENSHOTS names a folder (for people reviewing the UI). */
export async function shot(page: Page, name: string): Promise<void> {
  const folder = process.env.E2E_SCREENSHOTS;
  if (folder) await page.screenshot({ path: `${folder}/${name}.png`, fullPage: true });
}
