/** The CLI commands the Command action understands, with Asterisk's own layouts. */
import { HINT_STATUS, type SimModel } from './model';
import type { DialectProfile } from './dialects';
import { hintText } from './dialects/snapshot';

const pad = (s: string, n: number) => (s.length >= n ? s.slice(0, n) : s + ' '.repeat(n - s.length));
const padStart = (s: string, n: number) => (s.length >= n ? s : ' '.repeat(n - s.length) + s);

/** What a command printed, and whether it failed (Asterisk's CLI_FAILURE: the Command action answers Error). */
export interface CliOutput {
  readonly lines: string[];
  readonly failed?: true;
}

/** The command's output, or undefined for an unknown command. */
export function runCliCommand(
  command: string,
  model: SimModel,
  dialect: DialectProfile,
  now: number,
): CliOutput | undefined {
  const cmd = command.trim().replace(/\s+/g, ' ').toLowerCase();
  const extension = /^dialplan show ([^@ ]+)@(\S+)$/.exec(cmd);
  if (extension) return showExtension(model, extension[1]!, extension[2]!);
  const lines = printedLines(cmd, model, dialect, now);
  return lines && { lines };
}

function printedLines(cmd: string, model: SimModel, dialect: DialectProfile, now: number): string[] | undefined {
  if (cmd === 'core show hints') return showHints(model, dialect);
  if (cmd === 'core show channels') return showChannels(model);
  if (cmd === 'core show channels concise') return showChannelsConcise(model, now);
  if (cmd === 'core show version')
    return [`Asterisk ${dialect.asteriskVersion} built by switchboard @ sim on a x86_64 running Linux`];
  if (cmd === 'core show uptime') return [`System uptime: ${Math.floor((now - model.startedAt) / 1000)} seconds`];
  if (cmd === 'database show') return showDatabase(model);
  return undefined;
}

/**
 * Where each extension's block sits in the extensions.conf the office's dialplan is written as: five
 * lines each (hint, three priorities, a blank line), the first hint on line 69 as on the lab PBX.
 */
const FIRST_HINT_LINE = 69;
const LINES_PER_EXTENSION = 5;

/** `dialplan show 105@internal`: pbx_config's hint and priorities, each with its file and line (trace 25). */
function showExtension(model: SimModel, exten: string, context: string): CliOutput {
  const hint = model.hint(exten, context);
  if (!hint)
    return {
      lines: [
        `There is no existence of ${exten}@${context} extension`,
        `Command 'dialplan show ${exten}@${context}' failed.`,
      ],
      failed: true,
    };
  const block = model.office.extensions.filter((e) => e.context === context).findIndex((e) => e.exten === exten);
  const first = FIRST_HINT_LINE + LINES_PER_EXTENSION * block;
  const { localHandsets } = model.office;
  const phone = localHandsets ? `Local/${exten}@${localHandsets}` : hint.device;
  const priorities = [`NoOp(Call to ${exten} from \${CALLERID(all)})`, `Dial(${phone},30)`, 'Hangup()'];
  const row = (left: string, what: string, line: number) =>
    `  ${left.padEnd(17)} ${what.padEnd(45)} [extensions.conf:${line}]`;
  return {
    lines: [
      `[ Context '${context}' created by 'pbx_config' ]`,
      row(`'${exten}' =>`, `hint: ${hintText(hint)}`, first),
      ...priorities.map((app, i) => row('', `${i + 1}. ${app}`, first + 1 + i)),
      '',
      `-= 1 extension (${priorities.length + 1} priorities) in 1 context. =-`,
    ],
  };
}

/** `database show`: every AstDB key with its value, sorted by key as SQLite holds them, then the count. */
function showDatabase(model: SimModel): string[] {
  const rows = [...model.astdb]
    .map(([path, value]) => [`/${path}`, value] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return [...rows.map(([key, value]) => `${key.padEnd(50)}: ${value.padEnd(25)}`), `${rows.length} results found.`];
}

function showHints(model: SimModel, dialect: DialectProfile): string[] {
  const lines = ['', '    -= Registered Asterisk Dial Plan Hints =-'];
  for (const hint of model.hintOrder) {
    const state = HINT_STATUS[model.hintState(hint)].cli;
    if (dialect.id === 'asterisk-11') {
      lines.push(
        `   ${padStart(hint.exten, 20)}@${pad(hint.context, 20)}: ${pad(hintText(hint), 20)}  State:${pad(state, 15)} Watchers  0`,
      );
    } else {
      const presence = hint.presenceProvider
        ? (model.presence.get(hint.presenceProvider)?.state ?? 'not_set')
        : 'not_set';
      lines.push(
        `${pad(`${hint.exten}@${hint.context}`, 30)}: ${pad(hintText(hint), 61)} State:${pad(state, 15)} Presence:${pad(presence, 15)} Watchers  0`,
      );
    }
  }
  lines.push('----------------', `- ${model.hintOrder.length} hints registered`);
  return lines;
}

function showChannels(model: SimModel): string[] {
  const lines = [`${pad('Channel', 64)} ${pad('Location', 32)} ${pad('State', 7)} ${pad('Application(Data)', 30)}`];
  for (const c of model.channels.values()) {
    const location = c.application === 'AppDial' ? '(None)' : `${c.exten}@${c.context}:${c.priority}`;
    lines.push(
      `${pad(c.name, 64)} ${pad(location, 32)} ${pad(c.state, 7)} ${pad(`${c.application}(${c.appData})`, 30)}`,
    );
  }
  const calls = model.currentCalls;
  lines.push(
    `${model.channels.size} active channel${model.channels.size === 1 ? '' : 's'}`,
    `${calls} active call${calls === 1 ? '' : 's'}`,
    `${model.processedCalls} call${model.processedCalls === 1 ? '' : 's'} processed`,
  );
  return lines;
}

function showChannelsConcise(model: SimModel, now: number): string[] {
  return [...model.channels.values()].map((c) => {
    const secs = Math.floor((now - c.createdAt) / 1000);
    return [
      c.name,
      c.context,
      c.exten,
      c.priority,
      c.state,
      c.application,
      c.appData,
      c.callerIdNum,
      '',
      '',
      '3',
      secs,
      c.bridgeId ?? '',
      c.uniqueid,
    ].join('!');
  });
}
