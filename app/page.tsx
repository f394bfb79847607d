import { redirect } from "next/navigation";
import { currentMemberships, currentUser } from "@/lib/auth/page-guard";

// / — to the sign-in page, to the first workspace, or to creating one.
export default async function Home() {
  if (!(await currentUser())) redirect("/sign-in");
  const [first] = await currentMemberships();
  redirect(first ? `/w/${first.workspace.slug}` : "/w/new");
}
