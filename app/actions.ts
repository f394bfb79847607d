"use server";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { signIn, signOut } from "@/lib/auth/config";
import { EMAIL_RULE_MESSAGE, emailLimitKey, normalizeEmail } from "@/lib/auth/email-address";
import { clientIp, peek, SIGN_IN_PER_ADDRESS, SIGN_IN_PER_IP } from "@/lib/auth/rate-limit";
import { env } from "@/lib/env";
import { safeRedirectPath } from "@/lib/http/safe-redirect";
import { THEMES } from "@/lib/ui/theme";

// The trivial forms: sign in, sign out, theme. Everything else goes through the JSON API.

export type SignInState = { error?: string; email?: string };

export async function requestSignInLink(_prev: SignInState, form: FormData): Promise<SignInState> {
  const raw = form.get("email");
  // the same rule as Auth.js's own endpoint (lib/auth/config.ts): exactly one plain address
  const email = normalizeEmail(raw);
  if (!email) return { error: EMAIL_RULE_MESSAGE, email: typeof raw === "string" ? raw : "" };
  const requestHeaders = await headers();
  for (const [limit, subject] of [
    [SIGN_IN_PER_ADDRESS, emailLimitKey(email)],
    [SIGN_IN_PER_IP, clientIp(requestHeaders)],
  ] as const) {
    const verdict = await peek(limit, subject);
    if (!verdict.ok) {
      const minutes = Math.ceil(verdict.retryAfterSec / 60);
      return {
        error: `Too many sign-in links were asked for ${limit === SIGN_IN_PER_IP ? "from this network" : "for this address"}. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
        email,
      };
    }
  }
  // Auth.js redirects to the check-your-email page (a thrown redirect, which must propagate).
  await signIn("nodemailer", { email, redirectTo: safeRedirectPath(form.get("callbackUrl")) });
  return {};
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/sign-in" });
}

/** Back to the page the form was on: only when the Referer is one of our own pages. */
function backTo(referer: string | null): string {
  if (!referer) return "/";
  try {
    const url = new URL(referer);
    return url.origin === env().APP_ORIGIN ? safeRedirectPath(url.pathname + url.search) : "/";
  } catch {
    return "/";
  }
}

export async function setTheme(form: FormData): Promise<void> {
  const theme = String(form.get("theme"));
  if (!THEMES.includes(theme as never)) return;
  (await cookies()).set("theme", theme, { path: "/", maxAge: 60 * 60 * 24 * 365, sameSite: "lax", httpOnly: true });
  redirect(backTo((await headers()).get("referer")));
}
