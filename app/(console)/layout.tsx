import type { ReactNode } from "react";
import Link from "next/link";
import { LogOut, Megaphone } from "lucide-react";
import { listMemberships } from "@/db/queries/workspaces";
import { requireUser } from "@/lib/auth/current-user";
import { currentTheme } from "@/lib/ui/theme";
import { ThemePicker } from "@/components/theme-picker";
import { WorkspaceSwitcher } from "@/components/workspace-switcher";

export const dynamic = "force-dynamic";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  const memberships = await listMemberships(user.id);
  const theme = await currentTheme();
  return (
    <div className="min-h-dvh bg-muted/30">
      <header className="border-b bg-background">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-3 px-4 py-3 sm:px-6">
          <Link href="/" className="flex items-center gap-2 text-sm font-semibold">
            <Megaphone aria-hidden className="size-5" /> <span className="hidden sm:inline">Campaign Console</span>
          </Link>
          <nav aria-label="Workspace">
            <WorkspaceSwitcher
              workspaces={memberships.map((m) => ({ slug: m.workspace.slug, name: m.workspace.name, kind: m.workspace.kind, role: m.role }))}
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
