import type { Metadata } from "next";
import type { ReactNode } from "react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ArrowLeft, Lock } from "lucide-react";
import { getCall } from "@/db/queries/calls";
import { isUuid } from "@/lib/api/guard";
import { serializeCall } from "@/lib/api/serialize";
import { requireWorkspace } from "@/lib/auth/page-guard";
import { formatDateTime } from "@/lib/ui/format";
import { Time } from "@/components/time";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { campaignOf } from "../../campaign";
import { formatDuration, outcomeText } from "../../call-log";
import { Transcript } from "./transcript";

type Props = { params: Promise<{ slug: string; campaign_id: string; call_id: string }> };

export const metadata: Metadata = { title: "Call" };

/** One call of the campaign: every field, the transcript as turns, the recording (members and up). */
export default async function CallPage({ params }: Props) {
  const { slug, campaign_id, call_id } = await params;
  const membership = await requireWorkspace(slug, `/w/${slug}/campaigns/${campaign_id}/calls/${call_id}`);
  const workspaceId = membership.workspace.id;
  const [campaign, row] = await Promise.all([campaignOf(workspaceId, campaign_id), isUuid(call_id) ? getCall(workspaceId, call_id) : null]);
  if (!campaign || !row || row.campaignId !== campaign.id) notFound();
  // the API's own serializer: a viewer gets the last 4 digits, and no transcript or recording
  const wholeContact = membership.can("calls.view_contacts");
  const call = serializeCall(row, { wholeContact, detail: true });
  const tz = membership.workspace.timezone;
  const now = new Date();
  const back = `/w/${slug}/campaigns/${campaign.id}`;

  const fields: [string, ReactNode][] = [
    ["Started", <Time key="s" value={call.started_at} timeZone={tz} now={now} />],
    ["Ended", <Time key="e" value={call.ended_at} timeZone={tz} now={now} />],
    ["Duration", formatDuration(call.duration_seconds)],
    ["Outcome", outcomeText(call)],
    ["Ended because", call.ended_reason ?? "—"],
    [
      "Contact",
      <span key="c" className="font-mono" data-contact>
        {call.contact_phone ?? "—"}
      </span>,
    ],
    ["Agent number", call.agent_phone ?? "—"],
    ["Agent", campaign.agentName ? `${campaign.agentName} (${call.agent_id ?? campaign.agentId})` : (call.agent_id ?? "—")],
    ["Appointment", call.appointment_at ? formatDateTime(call.appointment_at, tz) : "—"],
    [
      "Nedzo conversation ID",
      <span key="n" className="font-mono text-xs">
        {call.nedzo_conversation_id}
      </span>,
    ],
  ];

  return (
    <article className="grid grid-cols-1 gap-6" aria-labelledby="call-heading">
      <div className="grid gap-2">
        <Link href={back} className="inline-flex w-fit items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
          <ArrowLeft aria-hidden className="size-4" /> {campaign.name}
        </Link>
        <h1 id="call-heading" className="text-xl font-semibold">
          Call with {call.contact_phone ?? "an unknown number"}
        </h1>
        <p className="text-sm text-muted-foreground">{formatDateTime(call.started_at, tz)}</p>
      </div>
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-5">
        <Card className="lg:col-span-2">
          <CardHeader>
            <CardTitle>Details</CardTitle>
          </CardHeader>
          <CardContent>
            <dl className="grid gap-3 text-sm">
              {fields.map(([label, value]) => (
                <div key={label} className="grid grid-cols-[9rem_1fr] gap-2">
                  <dt className="text-muted-foreground">{label}</dt>
                  <dd className="break-words">{value}</dd>
                </div>
              ))}
              <div className="grid gap-1">
                <dt className="text-muted-foreground">Summary</dt>
                <dd>{call.summary ?? "—"}</dd>
              </div>
            </dl>
          </CardContent>
        </Card>
        <div className="grid content-start gap-6 lg:col-span-3">
          {wholeContact ? (
            <>
              <Card>
                <CardHeader>
                  <CardTitle>Recording</CardTitle>
                </CardHeader>
                <CardContent className="grid gap-2 text-sm">
                  {call.recording_url ? (
                    <>
                      <audio controls preload="none" src={call.recording_url} className="w-full">
                        <a href={call.recording_url}>Download the recording</a>
                      </audio>
                      <a href={call.recording_url} className="w-fit underline underline-offset-4" rel="noreferrer" target="_blank">
                        Open the recording
                      </a>
                    </>
                  ) : (
                    <p className="text-muted-foreground">No recording: the call did not connect, or Nedzo kept none.</p>
                  )}
                </CardContent>
              </Card>
              <Card>
                <CardHeader>
                  <CardTitle>Transcript</CardTitle>
                </CardHeader>
                <CardContent>
                  {call.transcript ? (
                    <Transcript transcript={call.transcript} />
                  ) : (
                    <p className="text-sm text-muted-foreground">No transcript.</p>
                  )}
                </CardContent>
              </Card>
            </>
          ) : (
            <Card>
              <CardContent className="flex items-start gap-2 pt-6 text-sm text-muted-foreground">
                <Lock aria-hidden className="mt-0.5 size-4 shrink-0" />
                Transcripts and recordings are shown to members, admins and owners; your role sees the call&apos;s details only.
              </CardContent>
            </Card>
          )}
        </div>
      </div>
    </article>
  );
}
