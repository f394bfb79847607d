"use client";
import { useState } from "react";
import { toast } from "sonner";
import { apiFetch } from "@/lib/ui/api-client";
import { Button } from "@/components/ui/button";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";

export function DeleteWorkspace({ workspaceId, name }: { workspaceId: string; name: string }) {
  const [busy, setBusy] = useState(false);
  async function remove() {
    setBusy(true);
    const r = await apiFetch(`/api/v1/workspaces/${workspaceId}`, { method: "DELETE" });
    setBusy(false);
    if (!r.ok) return toast.error(r.problem.detail);
    toast.success(`${name} deleted`);
    window.location.assign("/");
  }
  return (
    <AlertDialog>
      <AlertDialogTrigger asChild>
        <Button variant="destructive" disabled={busy} className="w-fit">
          Delete workspace
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogTitle>Delete {name}?</AlertDialogTitle>
        <AlertDialogDescription>
          Its campaigns (the local copies), members, invitations and Nedzo connection are deleted. Campaigns already in Nedzo are not touched. The audit trail is kept.
        </AlertDialogDescription>
        <AlertDialogFooter>
          <AlertDialogCancel>Keep it</AlertDialogCancel>
          <AlertDialogAction onClick={remove}>Delete</AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
