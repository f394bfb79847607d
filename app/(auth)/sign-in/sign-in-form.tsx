"use client";
import { useActionState } from "react";
import { Loader2, Mail } from "lucide-react";
import { requestSignInLink, type SignInState } from "@/app/actions";
import { Button } from "@/components/ui/button";
import { Field, describedBy } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, action, pending] = useActionState<SignInState, FormData>(requestSignInLink, {});
  return (
    <form action={action} className="grid gap-4" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <Field id="email" label="Email" error={state.error} hint="We email you a link that signs you in; no password.">
        <Input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={state.email}
          aria-invalid={Boolean(state.error)}
          aria-describedby={describedBy("email", state.error, true)}
          placeholder="ana@example.com"
        />
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? <Loader2 className="animate-spin" aria-hidden /> : <Mail aria-hidden />}
        {pending ? "Sending…" : "Email me a sign-in link"}
      </Button>
    </form>
  );
}
