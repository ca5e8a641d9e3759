import type { Metadata } from "next";
import { shortId } from "@/lib/format";
import { HostDetailView } from "./host-detail-view";

export async function generateMetadata({
  params,
}: PageProps<"/lattices/[lattice]/hosts/[hostId]">): Promise<Metadata> {
  const { lattice, hostId } = await params;
  return { title: `Host ${shortId(decodeURIComponent(hostId))} · ${lattice}` };
}

export default async function HostPage({
  params,
}: PageProps<"/lattices/[lattice]/hosts/[hostId]">) {
  const { lattice, hostId } = await params;
  return <HostDetailView lattice={lattice} hostId={decodeURIComponent(hostId)} />;
}
