import { redirect } from "next/navigation";
import { listMemberships } from "@/db/queries/workspaces";
import { currentUser } from "@/lib/auth/current-user";

// / — to the sign-in page, to the first workspace, or to creating one.
export default async function Home() {
  const user = await currentUser();
  if (!user) redirect("/sign-in");
  const [first] = await listMemberships(user.id);
  redirect(first ? `/w/${first.workspace.slug}` : "/w/new");
}
