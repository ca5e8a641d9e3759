import Image from "next/image";

export type WorkloadIconKind = "component" | "provider" | "missing";

const ICONS: Record<WorkloadIconKind, string> = {
  component: "/icons/component.svg",
  provider: "/icons/provider.svg",
  missing: "/icons/missing.svg",
};

/** The kind's glyph from public/icons; decorative, as the kind is always written next to it. */
export function WorkloadKindIcon({ kind, size = 16 }: { kind: WorkloadIconKind; size?: number }) {
  return <Image src={ICONS[kind]} alt="" width={size} height={size} unoptimized />;
}
