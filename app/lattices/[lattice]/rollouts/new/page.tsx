import type { Metadata } from "next";
import { NewRolloutView, type NewRolloutSource } from "./new-rollout-view";

export async function generateMetadata({
  params,
}: PageProps<"/lattices/[lattice]/rollouts/new">): Promise<Metadata> {
  const { lattice } = await params;
  return { title: `New rollout · ${lattice}` };
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function NewRolloutPage({
  params,
  searchParams,
}: PageProps<"/lattices/[lattice]/rollouts/new">) {
  const { lattice } = await params;
  const query = await searchParams;
  const kind = one(query.kind);
  const id = one(query.id);
  const revision = Number(one(query.revision));
  const restore = one(query.restore);
  let source: NewRolloutSource = { kind: "form", target: null };
  if (restore) source = { kind: "restore", rolloutId: restore };
  else if ((kind === "component" || kind === "provider") && id) {
    source =
      Number.isSafeInteger(revision) && revision > 0
        ? { kind: "revision", target: { kind, id }, revision }
        : { kind: "form", target: { kind, id } };
  }
  return <NewRolloutView key={JSON.stringify(source)} lattice={lattice} source={source} />;
}
