import Image from "next/image";
import Link from "next/link";
import type { ReactNode } from "react";

/** The console's top bar: product name, the lattice in view, its navigation and live state. */
export function AppHeader({
  lattice,
  nav,
  status,
}: {
  lattice?: string;
  nav?: ReactNode;
  status?: ReactNode;
}) {
  return (
    <header className="border-ink bg-ink text-panel sticky top-0 z-20 border-b">
      <div className="mx-auto flex h-12 max-w-screen-2xl items-center gap-6 px-4">
        <Link
          href="/"
          className="focus-visible:outline-accent flex items-center gap-2 text-sm font-semibold tracking-tight focus-visible:outline-2 focus-visible:outline-offset-2"
        >
          <Image src="/icons/lattice.svg" alt="" width={20} height={20} unoptimized />
          Lattice Console
        </Link>
        {lattice && (
          <span className="hidden items-center gap-2 text-sm sm:flex">
            <span aria-hidden="true" className="text-panel/40">
              /
            </span>
            <span className="sr-only">Lattice</span>
            <span className="bg-panel/10 rounded px-2 py-0.5 font-mono text-xs">{lattice}</span>
          </span>
        )}
        {nav}
        <div className="ml-auto">{status}</div>
      </div>
    </header>
  );
}
