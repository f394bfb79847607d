"use server";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { signIn, signOut } from "@/lib/auth/config";
import { clientIp, peek, SIGN_IN_PER_ADDRESS, SIGN_IN_PER_IP } from "@/lib/auth/rate-limit";
import { THEMES } from "@/lib/ui/theme";

// The trivial forms: sign in, sign out, theme. Everything else goes through the JSON API.

const emailSchema = z.string().trim().toLowerCase().email("Enter a valid email address, like ana@example.com").max(254);

export type SignInState = { error?: string; email?: string };

export async function requestSignInLink(_prev: SignInState, form: FormData): Promise<SignInState> {
  const parsed = emailSchema.safeParse(form.get("email"));
  if (!parsed.success) return { error: parsed.error.issues[0].message, email: String(form.get("email") ?? "") };
  const requestHeaders = await headers();
  for (const [limit, subject] of [
    [SIGN_IN_PER_ADDRESS, parsed.data],
    [SIGN_IN_PER_IP, clientIp(requestHeaders)],
  ] as const) {
    const verdict = await peek(limit, subject);
    if (!verdict.ok) {
      const minutes = Math.ceil(verdict.retryAfterSec / 60);
      return { error: `Too many sign-in links were asked for ${limit === SIGN_IN_PER_IP ? "from this network" : "for this address"}. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`, email: parsed.data };
    }
  }
  const callback = String(form.get("callbackUrl") ?? "/");
  const redirectTo = callback.startsWith("/") && !callback.startsWith("//") ? callback : "/";
  // Auth.js redirects to the check-your-email page (a thrown redirect, which must propagate).
  await signIn("nodemailer", { email: parsed.data, redirectTo });
  return {};
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/sign-in" });
}

export async function setTheme(form: FormData): Promise<void> {
  const theme = String(form.get("theme"));
  if (!THEMES.includes(theme as never)) return;
  (await cookies()).set("theme", theme, { path: "/", maxAge: 60 * 60 * 24 * 365, sameSite: "lax", httpOnly: true });
  const referer = (await headers()).get("referer");
  let back = "/";
  try {
    if (referer) back = new URL(referer).pathname + new URL(referer).search;
  } catch {
    back = "/";
  }
  redirect(back.startsWith("/") && !back.startsWith("//") ? back : "/");
}
