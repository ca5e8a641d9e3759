"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/** Overview / Components / Topology / Events / Rollouts for one lattice; the current page is marked for AT too. */
export function LatticeNav({ lattice }: { lattice: string }) {
  const pathname = usePathname();
  const base = `/lattices/${encodeURIComponent(lattice)}`;
  const items = [
    {
      href: base,
      label: "Overview",
      current: pathname === base || pathname === "/" || pathname.startsWith(`${base}/hosts`),
    },
    { href: `${base}/components`, label: "Components", current: pathname === `${base}/components` },
    { href: `${base}/topology`, label: "Topology", current: pathname === `${base}/topology` },
    { href: `${base}/events`, label: "Events", current: pathname === `${base}/events` },
    {
      href: `${base}/rollouts`,
      label: "Rollouts",
      current: pathname.startsWith(`${base}/rollouts`) || pathname.startsWith(`${base}/revisions`),
    },
  ];
  return (
    <nav aria-label="Lattice" className="h-full">
      <ul className="flex h-full items-stretch gap-1 text-sm">
        {items.map((item) => (
          <li key={item.href} className="flex">
            <Link
              href={item.href}
              aria-current={item.current ? "page" : undefined}
              className={`focus-visible:outline-accent flex items-center border-b-2 px-3 transition-colors focus-visible:outline-2 focus-visible:-outline-offset-2 ${
                item.current
                  ? "border-accent text-panel"
                  : "text-panel/70 hover:text-panel border-transparent"
              }`}
            >
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
