/** CoreSettings, CoreStatus, Command. */
import { runCliCommand } from '../cli-output';
import type { ActionDefinition } from './types';

const two = (n: number) => String(n).padStart(2, '0');
const date = (ms: number) => {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}`;
};
const time = (ms: number) => {
  const d = new Date(ms);
  return `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
};

export const systemActions: ActionDefinition[] = [
  {
    name: 'CoreSettings',
    privilege: ['system', 'reporting'],
    handle(ctx) {
      const { profile: dialect, model } = ctx.pbx;
      ctx.respond('Success', [
        ['AMIversion', dialect.amiVersion],
        ['AsteriskVersion', dialect.asteriskVersion],
        ['SystemName', model.systemName],
        ['CoreMaxCalls', '0'],
        ['CoreMaxLoadAvg', '0.000000'],
        ['CoreRunUser', ''],
        ['CoreRunGroup', ''],
        ['CoreMaxFilehandles', '0'],
        ['CoreRealTimeEnabled', 'No'],
        ['CoreCDRenabled', 'Yes'],
        ['CoreHTTPenabled', 'No'],
        ...(dialect.modernActions ? ([['SoundsSearchCustomDir', 'No']] as const) : []),
      ]);
    },
  },
  {
    name: 'CoreStatus',
    privilege: ['system', 'reporting'],
    handle(ctx) {
      const { model } = ctx.pbx;
      ctx.respond('Success', [
        ['CoreStartupDate', date(model.startedAt)],
        ['CoreStartupTime', time(model.startedAt)],
        ['CoreReloadDate', date(model.lastReload)],
        ['CoreReloadTime', time(model.lastReload)],
        ['CoreCurrentCalls', String(model.currentCalls)],
        ...(ctx.pbx.profile.modernActions ? ([['CoreProcessedCalls', String(model.processedCalls)]] as const) : []),
      ]);
    },
  },
  {
    name: 'Command',
    privilege: ['command'],
    handle(ctx) {
      const command = ctx.header('Command') ?? '';
      const { model, profile: dialect, clock } = ctx.pbx;
      if (command.trim() === '') {
        ctx.error('No command provided');
        return;
      }
      const output = runCliCommand(command, model, dialect, clock.now());
      const lines = output?.lines ?? [
        `No such command '${command}' (type 'core show help ${command}' for other possible commands)`,
      ];
      if (dialect.commandStyle === 'output') {
        ctx.respond(output && !output.failed ? 'Success' : 'Error', [
          ['Message', 'Command output follows'],
          ...lines.map((l) => ['Output', l] as const),
        ]);
        return;
      }
      // Old form: raw lines ended by a bare LF, then --END COMMAND-- (Asterisk 1.x-13).
      const id = ctx.actionId === undefined ? '' : `ActionID: ${ctx.actionId}\r\n`;
      ctx.raw(
        Buffer.from(
          `Response: Follows\r\nPrivilege: Command\r\n${id}${lines.map((l) => `${l}\n`).join('')}--END COMMAND--\r\n\r\n`,
          'utf8',
        ),
      );
    },
  },
];
