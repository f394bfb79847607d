import type { ReactNode } from "react";
import Link from "next/link";
import { LogOut, Megaphone } from "lucide-react";
import { currentMemberships, currentUser } from "@/lib/auth/page-guard";
import { currentTheme } from "@/lib/ui/theme";
import { ThemePicker } from "@/components/theme-picker";
import { WorkspaceSwitcher } from "@/components/workspace-switcher";
import { groupWorkspaces } from "@/components/workspace-groups";

export const dynamic = "force-dynamic";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  // signed out: the page itself sends them to sign-in, with the way back to where they were going
  if (!user) return children;
  const [memberships, theme] = await Promise.all([currentMemberships(), currentTheme()]);
  return (
    <div className="min-h-dvh bg-muted/30">
      <header className="border-b bg-background">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-3 px-4 py-3 sm:px-6">
          <Link href="/" className="flex items-center gap-2 text-sm font-semibold">
            <Megaphone aria-hidden className="size-5" /> <span className="hidden sm:inline">Campaign Console</span>
            <span className="sr-only sm:hidden">Campaign Console</span>
          </Link>
          <nav aria-label="Workspace">
            <WorkspaceSwitcher
              groups={groupWorkspaces(
                memberships.map((m) => ({
                  id: m.workspace.id,
                  slug: m.workspace.slug,
                  name: m.workspace.name,
                  kind: m.workspace.kind,
                  parentId: m.workspace.parentId,
                  role: m.role,
                })),
              )}
            />
          </nav>
          <div className="ml-auto flex items-center gap-3">
            <ThemePicker theme={theme} />
            <span className="hidden text-sm text-muted-foreground md:inline" data-testid="signed-in-as">
              {user.email}
            </span>
            <Link href="/sign-out" className="inline-flex items-center gap-1 text-sm hover:underline">
              <LogOut aria-hidden className="size-4" /> Sign out
            </Link>
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-7xl px-4 py-6 sm:px-6">
        {children}
      </main>
    </div>
  );
}
