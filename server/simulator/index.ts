export { startSimulatedLattice } from "./lattice";
export type { SimulatorOptions, SimulatedLattice } from "./lattice";
export { simControl, SimControlError } from "./control-client";
export { controlSubject, SimCommand } from "./control-schema";
export type { SimHostSummary, SimReply } from "./control-schema";
export { hostIdentity } from "./identity";
export type { HostIdentity } from "./identity";
export type { HostFeatures } from "./host";
export {
  DEMO_BROKEN_REF,
  DEMO_COMPONENTS,
  DEMO_PROVIDERS,
  DEMO_SKEWED,
  DEMO_UPGRADES,
} from "./demo-manifest";
export { armDemoFaults, DEMO_FAULTS } from "./demo-faults";
