import { AlertTriangle, Loader2, XCircle } from "lucide-react";
import type { CampaignJson } from "@/lib/api/serialize";
import { formatCount } from "@/lib/ui/format";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { RefreshWhileWaiting } from "./refresh-while-waiting";
import { ResolveUnknown } from "./resolve-unknown";

/** What a campaign that is not (yet) created says: unknown (with the ways out), failed, or on its way. */
export function StatusAlerts({
  c,
  ahead,
  workspaceId,
  canResolve,
}: {
  c: CampaignJson;
  ahead: number | null;
  workspaceId: string;
  canResolve: boolean;
}) {
  if (c.status === "unknown")
    return (
      <Alert variant="warning">
        <AlertTriangle aria-hidden />
        <AlertTitle>Nedzo may have created this campaign</AlertTitle>
        <AlertDescription>
          <p>{c.error?.detail}</p>
          <p>Check your Nedzo account for a campaign named “{c.name}” before creating it again, so it is not created twice.</p>
          {canResolve ? (
            <div className="mt-4">
              <ResolveUnknown workspaceId={workspaceId} campaignId={c.id} />
            </div>
          ) : null}
        </AlertDescription>
      </Alert>
    );
  if (c.status === "failed")
    return (
      <Alert variant="destructive">
        <XCircle aria-hidden />
        <AlertTitle>Nedzo did not create this campaign{c.error?.status ? ` (HTTP ${c.error.status})` : ""}</AlertTitle>
        <AlertDescription>
          <p>{c.error?.detail}</p>
        </AlertDescription>
      </Alert>
    );
  if (c.status === "queued" || c.status === "pending")
    return (
      <Alert aria-live="polite">
        <Loader2 aria-hidden className="animate-spin" />
        <AlertTitle>{c.status === "queued" ? "Queued for Nedzo" : "Sent to Nedzo"}</AlertTitle>
        <AlertDescription>
          <p>
            {c.status === "queued"
              ? ahead
                ? `Waiting for this Nedzo token's next write slot: ${formatCount(ahead)} ${ahead === 1 ? "create is" : "creates are"} ahead of it (Nedzo takes about one a second).`
                : "Next in line for this Nedzo token's write slot."
              : "Waiting for Nedzo to answer…"}
          </p>
          <p>This page updates by itself; you can leave it, the campaign will be created all the same.</p>
        </AlertDescription>
        <RefreshWhileWaiting />
      </Alert>
    );
  return null;
}
