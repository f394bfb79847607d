"use client";
import type { AccessInput } from "@/lib/agencies/schemas";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { Button } from "@/components/ui/button";

/** The client's own owner suspends the agency's access (its staff lose it at once) or restores it. */
export function AgencyAccess({
  workspaceId,
  suspended,
  agencyName = "the agency",
}: {
  workspaceId: string;
  suspended: boolean;
  agencyName?: string;
}) {
  const action = suspended ? "Restore" : "Suspend";
  const staff = `${agencyName[0].toUpperCase()}${agencyName.slice(1)}'s staff`;
  return (
    <ConfirmDialog
      trigger={
        <Button variant={suspended ? "default" : "destructive"} className="w-fit">
          {action} the agency&apos;s access
        </Button>
      }
      title={`${action} ${agencyName}'s access?`}
      description={
        suspended
          ? `${staff} can act in this workspace again, with the roles their agency gives them.`
          : `${staff} lose access to this workspace at once, until you restore it. Their campaigns stay.`
      }
      destructive={!suspended}
      confirm={`${action} access`}
      pending={suspended ? "Restoring…" : "Suspending…"}
      request={{
        path: `/api/v1/workspaces/${workspaceId}/agency-access`,
        method: "PUT",
        body: { suspended: !suspended } satisfies AccessInput,
      }}
      options={{ success: suspended ? "Agency access restored" : "Agency access suspended" }}
    />
  );
}
