/** The CLI commands the Command action understands, with Asterisk's own layouts. */
import { HINT_STATUS, type SimModel } from './model';
import type { DialectProfile } from './dialects';
import { hintText } from './dialects/bridge-era';

const pad = (s: string, n: number) => (s.length >= n ? s.slice(0, n) : s + ' '.repeat(n - s.length));
const padStart = (s: string, n: number) => (s.length >= n ? s : ' '.repeat(n - s.length) + s);

/** Lines of output, or undefined for an unknown command. */
export function runCliCommand(
  command: string,
  model: SimModel,
  dialect: DialectProfile,
  now: number,
): string[] | undefined {
  const cmd = command.trim().replace(/\s+/g, ' ').toLowerCase();
  if (cmd === 'core show hints') return showHints(model, dialect);
  if (cmd === 'core show channels') return showChannels(model);
  if (cmd === 'core show channels concise') return showChannelsConcise(model, now);
  if (cmd === 'core show version')
    return [`Asterisk ${dialect.asteriskVersion} built by switchboard @ sim on a x86_64 running Linux`];
  if (cmd === 'core show uptime') return [`System uptime: ${Math.floor((now - model.startedAt) / 1000)} seconds`];
  return undefined;
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
