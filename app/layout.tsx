import type { Metadata } from "next";
import type { ReactNode } from "react";
import { Providers } from "./providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Lattice Console", template: "%s · Lattice Console" },
  description: "Live status and staged rollouts for wasmCloud lattices",
  // Static assets in public/icons (the browser also asks for /favicon.ico on its own).
  icons: {
    icon: [
      { url: "/icons/lattice.svg", type: "image/svg+xml" },
      { url: "/favicon.ico", sizes: "32x32" },
    ],
    apple: "/icons/apple-touch-icon.png",
  },
  manifest: "/manifest.webmanifest",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="bg-surface text-ink min-h-screen font-sans antialiased">
        <a
          href="#main"
          className="bg-panel sr-only z-50 rounded px-3 py-2 text-sm focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
        >
          Skip to content
        </a>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
