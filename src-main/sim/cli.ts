/**
 * `npm run sim -- --dialect asterisk-18 --port 5038 --scenario busy-office`
 * Starts the simulated PBX standalone so any AMI client (even telnet) can use it.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  DEMO_MANAGER_USER,
  FLAVOURS,
  parseScenario,
  startSimulatedPbx,
  type SimDialect,
  type SimFlavour,
} from './index';

const USAGE = `Usage: npm run sim -- [--dialect asterisk-11|asterisk-18|asterisk-22] [--port 5038] [--host 127.0.0.1]
                       [--flavour demo|freepbx|local-handsets|local-optimisation] [--scenario none|lively-office|busy-office|<file.json>] [--seed 1]
                       [--answer-delay 1500] [--calls-per-minute 60] [--size 200]`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      dialect: { type: 'string', default: 'asterisk-18' },
      flavour: { type: 'string', default: 'demo' },
      port: { type: 'string', default: '5038' },
      host: { type: 'string', default: '127.0.0.1' },
      scenario: { type: 'string', default: 'lively-office' },
      seed: { type: 'string', default: '1' },
      'answer-delay': { type: 'string', default: '1500' },
      'calls-per-minute': { type: 'string', default: '60' },
      size: { type: 'string', default: '200' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const dialect = values.dialect as SimDialect;
  if (!['asterisk-11', 'asterisk-18', 'asterisk-22'].includes(dialect))
    throw new Error(`Unknown dialect ${dialect}\n${USAGE}`);
  if (!(values.flavour in FLAVOURS)) throw new Error(`Unknown flavour ${values.flavour}\n${USAGE}`);
  const flavour = values.flavour as SimFlavour;
  const named = ['none', 'lively-office', 'busy-office'] as const;
  const scenario = (named as readonly string[]).includes(values.scenario)
    ? (values.scenario as (typeof named)[number])
    : parseScenario(JSON.parse(readFileSync(values.scenario, 'utf8')));
  const pbx = await startSimulatedPbx({
    dialect,
    flavour,
    host: values.host,
    port: Number(values.port),
    scenario,
    seed: Number(values.seed),
    answerDelayMs: Number(values['answer-delay']),
    busyOffice: { callsPerMinute: Number(values['calls-per-minute']), size: Number(values.size) },
  });
  console.log(`Simulated Asterisk (${pbx.dialect}, ${flavour} office) listening on ${pbx.host}:${pbx.port}`);
  console.log(`Login: username "${DEMO_MANAGER_USER.username}", secret "${DEMO_MANAGER_USER.secret}"`);
  console.log(
    `Try:   telnet ${pbx.host} ${pbx.port}   then type  Action: Login / Username: demo / Secret: demo  and an empty line`,
  );
  const stop = () => void pbx.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
