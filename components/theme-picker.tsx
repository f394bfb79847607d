import { Monitor, Moon, Sun } from "lucide-react";
import { setTheme } from "@/app/actions";
import type { Theme } from "@/lib/ui/theme";
import { cn } from "@/lib/utils";

const OPTIONS = [
  { value: "light", label: "Light theme", Icon: Sun },
  { value: "dark", label: "Dark theme", Icon: Moon },
  { value: "system", label: "System theme", Icon: Monitor },
] as const;

/** Works without JavaScript: each button posts the theme, stored in a cookie the server reads. */
export function ThemePicker({ theme }: { theme: Theme }) {
  return (
    <form action={setTheme} className="flex items-center rounded-md border p-0.5" aria-label="Colour theme">
      {OPTIONS.map(({ value, label, Icon }) => (
        <button
          key={value}
          type="submit"
          name="theme"
          value={value}
          aria-label={label}
          aria-pressed={theme === value}
          title={label}
          className={cn(
            "rounded-sm p-1.5 text-muted-foreground hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none",
            theme === value && "bg-accent text-foreground",
          )}
        >
          <Icon aria-hidden className="size-4" />
        </button>
      ))}
    </form>
  );
}
