import { LatticeShell } from "./lattice-shell";

export default async function LatticeLayout({
  children,
  params,
}: LayoutProps<"/lattices/[lattice]">) {
  const { lattice } = await params;
  return <LatticeShell lattice={lattice}>{children}</LatticeShell>;
}
