/** QueueStatus, QueueSummary, QueuePause, QueueAdd, QueueRemove; MailboxCount, MailboxStatus; VoicemailRefresh, VoicemailUsersList, VoicemailUserStatus. */
import { callerIdHeaders, queueStatusMemberHeaders } from '../dialects/queue-headers';
import type { AmiHeader } from '../../ami/message';
import type { Mailbox, QueueEntry, SimQueue } from '../model';
import type { ActionContext, ActionDefinition, ListItem } from './types';

const truthy = (value: string | undefined) => /^(1|true|yes|on)$/i.test(value ?? '');

/** The simulator's one queue, when the action asks about it (no `Queue` header, or its name). */
function askedQueue(ctx: ActionContext): SimQueue | undefined {
  const queue = ctx.pbx.model.queue;
  const wanted = ctx.header('Queue');
  return !wanted || wanted === queue.name ? queue : undefined;
}

const waitedSecs = (ctx: ActionContext, entry: QueueEntry) => Math.floor((ctx.pbx.clock.now() - entry.joinedAt) / 1000);

export const queueActions: ActionDefinition[] = [
  {
    name: 'QueueStatus',
    privilege: [],
    handle(ctx) {
      const { model } = ctx.pbx;
      const q = askedQueue(ctx);
      const items: ListItem[] = [];
      const modern = ctx.pbx.profile.modernActions;
      if (q) {
        items.push({
          event: 'QueueParams',
          actionIdLast: true,
          fields: [
            ['Queue', q.name],
            ['Max', '0'],
            ['Strategy', q.strategy],
            ['Calls', String(q.callers.length)],
            ['Holdtime', '0'],
            ['TalkTime', '0'],
            ['Completed', String(q.completed)],
            ['Abandoned', String(q.abandoned)],
            ['ServiceLevel', '0'],
            ['ServicelevelPerf', '0.0'],
            // Asterisk 11 has one service level figure.
            ...(modern ? ([['ServicelevelPerf2', '0.0']] as const) : []),
            ['Weight', '0'],
          ],
        });
        const memberFilter = ctx.header('Member')?.toLowerCase();
        for (const m of q.members.filter((x) => !memberFilter || x.interface.toLowerCase() === memberFilter)) {
          items.push({
            event: 'QueueMember',
            actionIdLast: true,
            fields: queueStatusMemberHeaders(model, q, m, modern),
          });
        }
        q.callers.forEach((e, i) => {
          items.push({
            event: 'QueueEntry',
            actionIdLast: true,
            fields: [
              ['Queue', q.name],
              ['Position', String(i + 1)],
              ['Channel', e.channel.name],
              ['Uniqueid', e.channel.uniqueid],
              ...callerIdHeaders(e.channel),
              ['Wait', String(waitedSecs(ctx, e))],
              ...(modern ? ([['Priority', '0']] as const) : []),
            ],
          });
        });
      }
      ctx.list('Queue status will follow', items, 'QueueStatusComplete');
    },
  },
  {
    name: 'QueueSummary',
    privilege: [],
    handle(ctx) {
      const { model } = ctx.pbx;
      const q = askedQueue(ctx);
      const available = (queue: SimQueue) =>
        queue.members.filter((m) => !m.paused && model.stateOf(m.stateInterface) === 'NOT_INUSE').length;
      const items: ListItem[] = q
        ? [
            {
              event: 'QueueSummary',
              actionIdLast: true,
              fields: [
                ['Queue', q.name],
                ['LoggedIn', String(q.members.length)],
                ['Available', String(available(q))],
                ['Callers', String(q.callers.length)],
                ['HoldTime', '0'],
                ['TalkTime', '0'],
                ['LongestHoldTime', String(q.callers[0] ? waitedSecs(ctx, q.callers[0]) : 0)],
              ],
            },
          ]
        : [];
      ctx.list('Queue summary will follow', items, 'QueueSummaryComplete');
    },
  },
  {
    name: 'QueuePause',
    privilege: ['agent'],
    handle(ctx) {
      const iface = ctx.header('Interface');
      if (!iface) return ctx.error('Need an interface');
      const paused = truthy(ctx.header('Paused'));
      if (!ctx.pbx.telephony.memberByInterface(iface)) return ctx.error('Interface not found');
      ctx.success(paused ? 'Interface paused successfully' : 'Interface unpaused successfully');
      ctx.pbx.telephony.pauseMember(iface, paused, ctx.header('Reason') ?? '');
    },
  },
  {
    name: 'QueueAdd',
    privilege: ['agent'],
    handle(ctx) {
      const needed = ctx.required({ Queue: "'Queue' not specified.", Interface: "'Interface' not specified." });
      if (!needed) return;
      const { Queue: queue, Interface: iface } = needed;
      if (queue !== ctx.pbx.model.queue.name) return ctx.error('Unable to add interface to queue: No such queue');
      const added = ctx.pbx.telephony.addMember({
        interface: iface,
        name: ctx.header('MemberName') || iface,
        stateInterface: ctx.header('StateInterface') || iface,
        paused: truthy(ctx.header('Paused')),
        reason: ctx.header('Reason') ?? '',
      });
      if (added === 'alreadyThere') return ctx.error('Unable to add interface: Already there');
      ctx.success('Added interface to queue');
    },
  },
  {
    name: 'QueueRemove',
    privilege: ['agent'],
    handle(ctx) {
      const queue = ctx.header('Queue');
      const iface = ctx.header('Interface');
      if (!queue || !iface) return ctx.error("Need 'Queue' and 'Interface' parameters.");
      if (queue !== ctx.pbx.model.queue.name) return ctx.error('Unable to remove interface from queue: No such queue');
      const removed = ctx.pbx.telephony.removeMember(iface);
      if (removed === 'notThere') return ctx.error('Unable to remove interface: Not there');
      if (removed === 'notDynamic') return ctx.error('Member not dynamic');
      ctx.success('Removed interface from queue');
    },
  },
  {
    name: 'MailboxCount',
    privilege: ['call', 'reporting'],
    handle(ctx) {
      const id = ctx.header('Mailbox') ?? '';
      const m = ctx.pbx.model.mailboxes.get(id.includes('@') ? id : `${id}@default`);
      const fields = [
        ['Message', 'Mailbox Message Count'],
        ['Mailbox', id],
        ...(ctx.pbx.profile.modernActions ? [['UrgMessages', String(m?.urgentCount ?? 0)]] : []),
        ['NewMessages', String(m?.newCount ?? 0)],
        ['OldMessages', String(m?.oldCount ?? 0)],
      ] as [string, string][];
      ctx.respond('Success', fields);
    },
  },
  {
    name: 'MailboxStatus',
    privilege: ['call', 'reporting'],
    handle(ctx) {
      const id = ctx.header('Mailbox') ?? '';
      const m = ctx.pbx.model.mailboxes.get(id.includes('@') ? id : `${id}@default`);
      ctx.respond('Success', [
        ['Message', 'Mailbox Status'],
        ['Mailbox', id],
        ['Waiting', m && m.newCount > 0 ? '1' : '0'],
      ]);
    },
  },
];

/** One voicemail.conf user as app_voicemail lists it (trace 17); the lab's defaults for the rest. */
function voicemailUser(mailbox: Mailbox): AmiHeader[] {
  const [box = '', context = 'default'] = mailbox.id.split('@');
  return [
    ['VMContext', context],
    ['VoiceMailbox', box],
    ['Fullname', mailbox.fullName],
    ['Email', '(null)'],
    ['Pager', ''],
    ['ServerEmail', 'asterisk'],
    ['FromString', ''],
    ['MailCommand', '/usr/sbin/sendmail -t'],
    ['Language', ''],
    ['TimeZone', ''],
    ['Callback', ''],
    ['Dialout', ''],
    ['UniqueID', ''],
    ['ExitContext', ''],
    ['SayDurationMinimum', '2'],
    ['SayEnvelope', 'Yes'],
    ['SayCID', 'No'],
    ['AttachMessage', 'No'],
    ['AttachmentFormat', ''],
    ['DeleteMessage', 'No'],
    ['VolumeGain', '0.00'],
    ['CanReview', 'No'],
    ['CanMarkUrgent', 'Yes'],
    ['CallOperator', 'No'],
    ['MaxMessageCount', '100'],
    ['MaxMessageLength', '0'],
    ['NewMessageCount', String(mailbox.newCount)],
    ['OldMessageCount', String(mailbox.oldCount)],
  ];
}

export const voicemailActions: ActionDefinition[] = [
  {
    name: 'VoicemailUsersList',
    privilege: ['call', 'reporting'],
    handle(ctx) {
      const items = [...ctx.pbx.model.mailboxes.values()].map((mailbox) => ({
        event: 'VoicemailUserEntry',
        fields: voicemailUser(mailbox),
      }));
      ctx.list('Voicemail user list will follow', items, 'VoicemailUserEntryComplete');
    },
  },
  {
    name: 'VoicemailUserStatus',
    privilege: ['call', 'reporting'],
    available: (d) => d.modernActions,
    handle(ctx) {
      const context = ctx.header('Context');
      const box = ctx.header('Mailbox');
      if (!context || !box) return ctx.error("Need 'Context' and 'Mailbox' parameters.");
      const mailbox = ctx.pbx.model.mailboxes.get(`${box}@${context}`);
      if (!mailbox) return ctx.error('User not found.');
      ctx.list(
        'Voicemail user detail will follow',
        [{ event: 'VoicemailUserDetail', fields: voicemailUser(mailbox) }],
        'VoicemailUserDetailComplete',
      );
    },
  },
  {
    name: 'VoicemailRefresh',
    privilege: ['user'],
    available: (d) => d.modernActions,
    handle(ctx) {
      const context = ctx.header('Context') ?? 'default';
      const box = ctx.header('Mailbox');
      ctx.success('Refresh sent');
      const { model } = ctx.pbx;
      for (const m of model.mailboxes.values()) {
        if (m.id.endsWith(`@${context}`) && (!box || m.id === `${box}@${context}`))
          model.setMailbox(m.id, m.newCount, m.oldCount);
      }
    },
  },
];
