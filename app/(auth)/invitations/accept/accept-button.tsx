"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { apiFetch } from "@/lib/ui/api-client";
import { useHydrated } from "@/lib/ui/use-hydrated";
import { Button } from "@/components/ui/button";

export function AcceptButton({ token, workspaceName }: { token: string; workspaceName: string }) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function accept() {
    setBusy(true);
    const r = await apiFetch<{ workspace: { slug: string } }>("/api/v1/invitations/accept", { method: "POST", body: { token } });
    if (r.ok) {
      toast.success(`Welcome to ${workspaceName}`);
      router.push(`/w/${r.data.workspace.slug}`);
      router.refresh();
      return;
    }
    setBusy(false);
    setError(r.problem.detail);
  }
  return (
    <div className="grid gap-2">
      <Button onClick={accept} disabled={!hydrated || busy}>
        {busy ? "Joining…" : `Join ${workspaceName}`}
      </Button>
      {error ? (
        <p role="alert" className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
    </div>
  );
}
