"use client";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { Button } from "@/components/ui/button";

export function DeleteWorkspace({ workspaceId, name }: { workspaceId: string; name: string }) {
  return (
    <ConfirmDialog
      trigger={
        <Button variant="destructive" className="w-fit">
          Delete workspace
        </Button>
      }
      title={`Delete ${name}?`}
      description="Its campaigns (the local copies), members, invitations and Nedzo connection are deleted. Campaigns already in Nedzo are not touched. The audit trail is kept."
      typeToConfirm={name}
      confirm="Delete"
      pending="Deleting…"
      cancel="Keep it"
      request={{ path: `/api/v1/workspaces/${workspaceId}`, method: "DELETE" }}
      options={{ success: `${name} deleted`, reload: true }}
    />
  );
}
