/** ExtensionState, ExtensionStateList, DeviceStateList, PresenceState, PresenceStateList. */
import type { AmiHeader } from '../../ami/message';
import { hintText } from '../dialects/snapshot';
import { HINT_STATUS } from '../model';
import type { ActionDefinition, ListItem } from './types';

export const hintActions: ActionDefinition[] = [
  {
    name: 'ExtensionState',
    privilege: ['call', 'reporting'],
    handle(ctx) {
      const exten = ctx.header('Exten') ?? '';
      const context = ctx.header('Context') ?? 'default';
      const { model, profile: dialect } = ctx.pbx;
      const hint = model.hint(exten, context);
      const status = hint ? HINT_STATUS[model.hintState(hint)] : { code: -1, text: 'Unknown' };
      const fields: AmiHeader[] = [
        ['Message', 'Extension Status'],
        ['Exten', exten],
        ['Context', context],
        ['Hint', hint ? hintText(hint) : ''],
        ['Status', String(status.code)],
      ];
      if (dialect.modernActions) fields.push(['StatusText', status.text]);
      ctx.respond('Success', fields);
    },
  },
  {
    name: 'ExtensionStateList',
    privilege: ['call', 'reporting'],
    available: (d) => d.modernActions,
    handle(ctx) {
      const { model } = ctx.pbx;
      const items: ListItem[] = model.hintOrder.map((hint) => {
        const status = HINT_STATUS[model.hintState(hint)];
        return {
          event: 'ExtensionStatus',
          fields: [
            ['Exten', hint.exten],
            ['Context', hint.context],
            ['Hint', hintText(hint)],
            ['Status', String(status.code)],
            ['StatusText', status.text],
          ],
        };
      });
      ctx.list('Extension Statuses will follow', items, 'ExtensionStateListComplete');
    },
  },
  {
    name: 'DeviceStateList',
    privilege: ['call', 'reporting'],
    available: (d) => d.modernActions,
    handle(ctx) {
      const { model } = ctx.pbx;
      const items: ListItem[] = model.knownDevices().map((device) => ({
        event: 'DeviceStateChange',
        fields: [
          ['Device', device],
          ['State', model.stateOf(device)],
        ],
      }));
      ctx.list('Device State Changes will follow', items, 'DeviceStateListComplete');
    },
  },
  {
    name: 'PresenceState',
    privilege: ['call', 'reporting'],
    handle(ctx) {
      const provider = ctx.header('Provider') ?? '';
      if (!/^CustomPresence:/i.test(provider)) {
        ctx.error(`Invalid provider ${provider} or provider in invalid state`);
        return;
      }
      const p = ctx.pbx.model.presence.get(provider) ?? { state: 'not_set', subtype: '', message: '' };
      const fields: AmiHeader[] = [
        ['Message', 'Presence State'],
        ['State', p.state],
      ];
      if (p.subtype) fields.push(['Subtype', p.subtype]);
      if (p.message) fields.push(['Message', p.message], ['PresenceMessage', p.message]);
      ctx.respond('Success', fields);
    },
  },
  {
    name: 'PresenceStateList',
    privilege: ['call', 'reporting'],
    available: (d) => d.modernActions,
    handle(ctx) {
      const items: ListItem[] = [...ctx.pbx.model.presence.entries()]
        .filter(([, p]) => p.state !== 'not_set')
        .map(([provider, p]) => ({
          event: 'PresenceStateChange',
          fields: [
            ['Presentity', provider],
            ['Status', p.state],
            ['Subtype', p.subtype],
            ['Message', p.message],
          ],
        }));
      ctx.list('Presence State Changes will follow', items, 'PresenceStateListComplete');
    },
  },
];
