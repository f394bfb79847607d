"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { apiFetch } from "@/lib/ui/api-client";
import { useHydrated } from "@/lib/ui/use-hydrated";
import { Button } from "@/components/ui/button";

export function AgencyAccess({ workspaceId, suspended }: { workspaceId: string; suspended: boolean }) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [busy, setBusy] = useState(false);
  async function toggle() {
    if (!suspended && !window.confirm("Suspend the agency? Its staff lose access to this workspace until you restore it.")) return;
    setBusy(true);
    const r = await apiFetch(`/api/v1/workspaces/${workspaceId}/agency-access`, { method: "PUT", body: { suspended: !suspended } });
    setBusy(false);
    if (r.ok) toast.success(suspended ? "Agency access restored" : "Agency access suspended");
    else toast.error(r.problem.detail);
    router.refresh();
  }
  return (
    <Button variant={suspended ? "default" : "destructive"} disabled={!hydrated || busy} onClick={toggle} className="w-fit">
      {suspended ? "Restore the agency's access" : "Suspend the agency's access"}
    </Button>
  );
}
