import type { Metadata } from "next";
import { LogOut } from "lucide-react";
import { signOutAction } from "@/app/actions";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

export const metadata: Metadata = { title: "Sign out" };

export default function SignOutPage() {
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h1" className="text-xl">
          Sign out
        </CardTitle>
        <CardDescription>You will need a new email link to sign in again.</CardDescription>
      </CardHeader>
      <CardContent>
        <form action={signOutAction}>
          <Button type="submit" className="w-full">
            <LogOut aria-hidden /> Sign out
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}
