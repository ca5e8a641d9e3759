import type { Metadata } from "next";
import type { ReactNode } from "react";
import { Providers } from "./providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Lattice Console", template: "%s · Lattice Console" },
  description: "Live status and staged rollouts for wasmCloud lattices",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="bg-surface text-ink font-sans antialiased">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
