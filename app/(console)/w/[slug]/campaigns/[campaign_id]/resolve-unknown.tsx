"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { apiFetch } from "@/lib/ui/api-client";
import { useHydrated } from "@/lib/ui/use-hydrated";
import { Button } from "@/components/ui/button";
import { Field, describedBy } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

/** The three ways out of `unknown`, each audited on the server. */
export function ResolveUnknown({ workspaceId, campaignId }: { workspaceId: string; campaignId: string }) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [nedzoId, setNedzoId] = useState("");
  const [confirmed, setConfirmed] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function resolve(body: Record<string, unknown>, done: string) {
    setBusy(true);
    setError(null);
    const r = await apiFetch(`/api/v1/workspaces/${workspaceId}/campaigns/${campaignId}/resolution`, { method: "POST", body });
    setBusy(false);
    if (r.ok) {
      toast.success(done);
      router.refresh();
    } else setError(r.problem.errors?.[0]?.message ?? r.problem.detail);
  }

  return (
    <div className="grid gap-5 md:grid-cols-3">
      <form
        className="grid gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          void resolve({ action: "link", nedzo_campaign_id: nedzoId.trim() }, "Linked to the Nedzo campaign");
        }}
      >
        <Field id="nedzo-id" label="Nedzo campaign ID" hint="Found it in Nedzo? Link it." error={error ?? undefined}>
          <Input id="nedzo-id" value={nedzoId} onChange={(e) => setNedzoId(e.target.value)} spellCheck={false} aria-describedby={describedBy("nedzo-id", error ?? undefined, true)} />
        </Field>
        <Button type="submit" variant="outline" disabled={!hydrated || busy || !nedzoId.trim()} className="w-fit">
          Link
        </Button>
      </form>
      <div className="grid content-start gap-2">
        <p className="text-sm font-medium">Not in Nedzo?</p>
        <p className="text-xs text-muted-foreground">Record that it was not created.</p>
        <Button variant="outline" disabled={!hydrated || busy} className="w-fit" onClick={() => resolve({ action: "mark_failed" }, "Marked as not created")}>
          Mark as not created
        </Button>
      </div>
      <div className="grid content-start gap-2">
        <label className="flex items-start gap-2 text-sm">
          <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} className="mt-1" />
          <span>I checked Nedzo: this campaign is not there. Send the create again.</span>
        </label>
        <Button disabled={!hydrated || busy || !confirmed} className="w-fit" onClick={() => resolve({ action: "retry", confirm: true }, "Sent to Nedzo again")}>
          Retry the create
        </Button>
      </div>
    </div>
  );
}
