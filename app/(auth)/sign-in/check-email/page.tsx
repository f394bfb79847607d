import type { Metadata } from "next";
import Link from "next/link";
import { MailCheck } from "lucide-react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Check your email" };
export const dynamic = "force-dynamic";

export default function CheckEmailPage() {
  const printed = !env().EMAIL_SERVER;
  return (
    <Card>
      <CardHeader>
        <MailCheck aria-hidden className="mb-2 size-8 text-success" />
        <CardTitle as="h1" className="text-xl">
          Check your email
        </CardTitle>
        <CardDescription>A sign-in link is on its way. It works once, for 24 hours.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3 text-sm">
        {printed ? (
          <p className="rounded-md bg-muted p-3">
            No mail server is set up (<code>EMAIL_SERVER</code>), so the link was printed in the terminal running the app.
          </p>
        ) : null}
        <Link href="/sign-in" className="text-primary underline underline-offset-4">
          Use another email address
        </Link>
      </CardContent>
    </Card>
  );
}
