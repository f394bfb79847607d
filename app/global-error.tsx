"use client";
import { GeistSans } from "geist/font/sans";
import { LazyErrorPage } from "@/components/lazy-error-page";
import "./globals.css";

// The root layout itself failed: this replaces it, so it brings its own document, styles and title. It
// follows the system's light or dark (the theme cookie is the server's to read).
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="en" className={`system ${GeistSans.variable}`}>
      <body className="min-h-dvh font-sans">
        <title>Campaign Console is having trouble</title>
        <main id="main" className="grid min-h-dvh place-items-center px-4 py-10">
          <LazyErrorPage error={error} retry={retry} />
        </main>
      </body>
    </html>
  );
}
