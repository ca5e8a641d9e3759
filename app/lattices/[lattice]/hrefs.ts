/** Links inside one lattice; ids are single subject tokens (protocol §1.2), encoded anyway. */
export const latticeHref = (lattice: string) => `/lattices/${encodeURIComponent(lattice)}`;

export const hostHref = (lattice: string, hostId: string) =>
  `${latticeHref(lattice)}/hosts/${encodeURIComponent(hostId)}`;

export const rolloutsHref = (lattice: string) => `${latticeHref(lattice)}/rollouts`;

export const rolloutHref = (lattice: string, id: string) =>
  `${rolloutsHref(lattice)}/${encodeURIComponent(id)}`;

/** The New rollout form; with a target it is fixed, otherwise the form asks for one. */
export const newRolloutHref = (
  lattice: string,
  from?: { kind: "component" | "provider"; id: string; revision?: number } | { restore: string },
) =>
  `${rolloutsHref(lattice)}/new${
    from
      ? `?${new URLSearchParams(
          "restore" in from
            ? { restore: from.restore }
            : {
                kind: from.kind,
                id: from.id,
                ...(from.revision ? { revision: String(from.revision) } : {}),
              },
        )}`
      : ""
  }`;

export const revisionsHref = (lattice: string, kind: "component" | "provider", id: string) =>
  `${latticeHref(lattice)}/revisions/${kind}/${encodeURIComponent(id)}`;
