/** Links inside one lattice; ids are single subject tokens (protocol §1.2), encoded anyway. */
export const latticeHref = (lattice: string) => `/lattices/${encodeURIComponent(lattice)}`;

export const hostHref = (lattice: string, hostId: string) =>
  `${latticeHref(lattice)}/hosts/${encodeURIComponent(hostId)}`;
