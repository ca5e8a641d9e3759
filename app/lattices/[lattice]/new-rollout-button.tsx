"use client";

import { useRouter } from "next/navigation";
import { BUTTON } from "@/components/button-styles";

/** "New rollout": a button (scripts look for one), which opens the form at `href`. */
export function NewRolloutButton({ href, isSmall = false }: { href: string; isSmall?: boolean }) {
  const router = useRouter();
  return (
    <button
      type="button"
      className={isSmall ? BUTTON.small : BUTTON.primary}
      onClick={() => router.push(href)}
    >
      New rollout
    </button>
  );
}
