import type { ReactNode } from "react";
import { Megaphone } from "lucide-react";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main id="main" className="grid min-h-dvh place-items-center bg-muted/40 px-4 py-12">
      <div className="w-full max-w-sm">
        <p className="mb-6 flex items-center justify-center gap-2 text-sm font-semibold">
          <Megaphone aria-hidden className="size-5" /> Campaign Console
        </p>
        {children}
      </div>
    </main>
  );
}
