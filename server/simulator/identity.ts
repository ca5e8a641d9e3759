import { fromSeed, Prefix } from "@nats-io/nkeys";
// The codec is not re-exported by the package root; it is the documented seed encoder that
// `createPair` uses, and it lets host keys derive from the scenario seed (protocol §9).
import { Codec } from "@nats-io/nkeys/lib/codec.js";
import { derivedRng, pick } from "./rng";

export interface HostIdentity {
  /** nkey server public key: 56 chars, starts with `N`, real CRC16 checksum (protocol §1.1). */
  hostId: string;
  /** `adjective-noun-NNNN`, like the host's generated names. */
  friendlyName: string;
}

const ADJECTIVES = [
  "quiet",
  "bold",
  "brave",
  "calm",
  "clever",
  "eager",
  "gentle",
  "happy",
  "lively",
  "mellow",
  "nimble",
  "proud",
  "rapid",
  "shiny",
  "silent",
  "sunny",
  "swift",
  "tidy",
  "vivid",
  "wise",
  "young",
  "polished",
  "frosty",
  "misty",
  "ancient",
  "crimson",
  "golden",
  "hidden",
  "lucky",
  "noble",
] as const;
const NOUNS = [
  "river",
  "mountain",
  "forest",
  "meadow",
  "ocean",
  "canyon",
  "glacier",
  "harbor",
  "island",
  "lagoon",
  "prairie",
  "summit",
  "valley",
  "willow",
  "falcon",
  "otter",
  "badger",
  "heron",
  "lynx",
  "panda",
  "sparrow",
  "comet",
  "nebula",
  "pebble",
  "breeze",
  "thunder",
  "ember",
  "cedar",
] as const;

/** The identity of the `index`-th host of a scenario; the same seed gives the same hosts. */
export function hostIdentity(seed: number, index: number): HostIdentity {
  const rng = derivedRng(seed, "host", index);
  const raw = new Uint8Array(32);
  for (let i = 0; i < raw.length; i++) raw[i] = Math.floor(rng() * 256);
  const pair = fromSeed(Codec.encodeSeed(Prefix.Server, raw));
  const digits = String(Math.floor(rng() * 10_000)).padStart(4, "0");
  return {
    hostId: pair.getPublicKey(),
    friendlyName: `${pick(rng, ADJECTIVES)}-${pick(rng, NOUNS)}-${digits}`,
  };
}
