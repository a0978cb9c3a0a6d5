/**
 * The simulated Asterisk: an AMI server on loopback for the Demo PBX, every test, and anyone with
 * telnet. Model (model.ts, telephony/) → dialect renderers (dialects/) → sessions (session.ts,
 * server.ts) ← action handlers (actions/); scenarios drive the model from outside.
 */
export { startSimulatedPbx, type SimulatedPbx, type SimulatedPbxOptions } from './server';
export { DEMO_MANAGER_USER } from './users';
export type { SimDialect } from './dialects';
export type { SimChannel } from './model';
export { FLAVOURS, type SimFlavour } from './office';
export { parseScenario } from './scenarios';
