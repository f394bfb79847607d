import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { currentUser } from "@/lib/auth/current-user";
import { safeRedirectPath } from "@/lib/http/safe-redirect";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

const ERRORS: Record<string, string> = {
  Verification: "That sign-in link has expired or was already used. Ask for a new one below.",
  Configuration:
    "The sign-in link could not be sent. Wait a few minutes and try again; if it keeps failing, the mail settings (EMAIL_SERVER) need a look.",
  AccessDenied: "This email address may not sign in.",
  EmailSignin: "The sign-in link could not be sent: too many were asked for, or mail is down. Wait a few minutes and try again.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ error?: string; callbackUrl?: string | string[] }> }) {
  const { error, callbackUrl: requested } = await searchParams;
  // where to go once signed in: a path on this site, or home (lib/http/safe-redirect.ts)
  const callbackUrl = safeRedirectPath(requested);
  if (await currentUser()) redirect(callbackUrl);
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h1" className="text-xl">
          Sign in
        </CardTitle>
        <CardDescription>Create and follow your Nedzo campaigns with your team.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {error ? (
          <Alert variant="destructive">
            <AlertDescription>{ERRORS[error] ?? "Sign-in failed. Try again."}</AlertDescription>
          </Alert>
        ) : null}
        <SignInForm callbackUrl={callbackUrl} />
      </CardContent>
    </Card>
  );
}
