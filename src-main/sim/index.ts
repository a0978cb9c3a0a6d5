/**
 * The simulated Asterisk: an AMI server on loopback for the Demo PBX, every test, and anyone with
 * telnet. Model (model.ts, telephony.ts) → dialect renderers (dialects/) → sessions (session.ts,
 * server.ts) ← action handlers (actions/); scenarios drive the model from outside.
 */
export {
  startSimulatedPbx,
  type SimulatedPbx,
  type SimulatedPbxOptions,
  type SimulatedPbxFaults,
  type ReceivedAction,
  type SettableDeviceState,
} from './server';
export { DEMO_MANAGER_USER, type ManagerUser } from './users';
export type { SimDialect } from './dialects';
export {
  PbxModel,
  type DeviceState,
  type SimChannel,
  type SimBridge,
  type ParkedCall,
  type PresenceState,
} from './model';
export { demoOffice, generatedOffice, type OfficeDirectory, type OfficeExtension } from './office';
export { VirtualClock, type SimClock } from './clock';
export { scenario, parseScenario, demoStoryScenario, type Scenario, type ScenarioStep } from './scenarios';
