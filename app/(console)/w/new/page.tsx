import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/page-guard";
import { timeZones } from "@/lib/ui/time-zones";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { WorkspaceCreateForm } from "./workspace-create-form";

export const metadata: Metadata = { title: "New workspace" };

export default async function NewWorkspacePage() {
  await requireUser("/w/new");
  return (
    <Card className="mx-auto max-w-lg">
      <CardHeader>
        <CardTitle as="h1" className="text-lg">
          Create a workspace
        </CardTitle>
        <CardDescription>A workspace holds your campaigns and your Nedzo connection; invite your team to share it.</CardDescription>
      </CardHeader>
      <CardContent>
        <WorkspaceCreateForm zones={timeZones()} />
      </CardContent>
    </Card>
  );
}
