"use client";
import { Loader2 } from "lucide-react";
import type { AcceptInput } from "@/lib/invitations/schemas";
import { useMutation } from "@/lib/ui/use-mutation";
import { Button } from "@/components/ui/button";

export function AcceptButton({ token, workspaceName }: { token: string; workspaceName: string }) {
  const accept = useMutation();
  const join = () =>
    accept.run<{ workspace: { slug: string } }>(
      { path: "/api/v1/invitations/accept", method: "POST", body: { token } satisfies AcceptInput },
      { success: `Welcome to ${workspaceName}`, navigate: ({ workspace }) => `/w/${workspace.slug}`, inline: true },
    );
  return (
    <div className="grid gap-2">
      <Button onClick={join} disabled={!accept.ready}>
        {accept.pending ? <Loader2 className="animate-spin" aria-hidden /> : null}
        {accept.pending ? "Joining…" : `Join ${workspaceName}`}
      </Button>
      {accept.problem ? (
        <p role="alert" className="text-sm text-destructive">
          {accept.problem.detail}
        </p>
      ) : null}
    </div>
  );
}
