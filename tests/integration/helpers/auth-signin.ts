import "./next-esm";

// Drives Auth.js's own sign-in endpoint (POST /api/auth/signin/nodemailer) as any HTTP client can:
// fetch a CSRF token, then post the form — with whatever Host / X-Forwarded-* headers it likes.

const { NextRequest } = await import("next/server");
const { handlers } = await import("@/lib/auth/config");

export type SignInOptions = { url?: string; headers?: Record<string, string>; callbackUrl?: string };

const cookiePairs = (res: Response) => res.headers.getSetCookie().map((c) => c.split(";")[0]);

export async function postAuthJsSignIn(email: string, options: SignInOptions = {}) {
  const base = options.url ?? "http://localhost:3000";
  const csrf = await handlers.GET(new NextRequest(`${base}/api/auth/csrf`, { headers: options.headers }));
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const body = new URLSearchParams({ email, csrfToken, callbackUrl: options.callbackUrl ?? "/" });
  const res = await handlers.POST(
    new NextRequest(`${base}/api/auth/signin/nodemailer`, {
      method: "POST",
      headers: { ...options.headers, cookie: cookiePairs(csrf).join("; "), "content-type": "application/x-www-form-urlencoded" },
      body,
    }),
  );
  return { status: res.status, location: res.headers.get("location") };
}

/** The first http(s) link in a mail's text. */
export function linkIn(text: string): URL {
  const match = text.match(/https?:\/\/[^\s"<>]+/);
  if (!match) throw new Error(`no link in:\n${text}`);
  return new URL(match[0]);
}
