/** Originate, Redirect, BlindTransfer, Atxfer. */
import type { DialplanAddress, SimChannel } from '../model';
import { parseCallerId } from '../telephony';
import { requireChannel, type ActionContext, type ActionDefinition } from './types';

const truthy = (v: string | undefined) => v !== undefined && /^(1|true|yes|on)$/i.test(v.trim());

/** `Variable: A=1` headers, each possibly `A=1,B=2` as Asterisk also accepts. */
function channelVariables(values: readonly string[]): Map<string, string> {
  const variables = new Map<string, string>();
  for (const pair of values.flatMap((v) => v.split(','))) {
    const at = pair.indexOf('=');
    if (at > 0) variables.set(pair.slice(0, at).trim(), pair.slice(at + 1));
  }
  return variables;
}

/** Where Redirect, BlindTransfer and Atxfer send a channel: its Context (by default its own) and Exten headers. */
function requestedDestination(ctx: ActionContext, channel: SimChannel): DialplanAddress {
  return { context: ctx.header('Context') ?? channel.context, exten: ctx.header('Exten') ?? '' };
}

export const callActions: ActionDefinition[] = [
  {
    name: 'Originate',
    privilege: ['originate'],
    async handle(ctx) {
      const channel = ctx.header('Channel');
      if (!channel) {
        ctx.error('Channel not specified');
        return;
      }
      const cid = parseCallerId(ctx.header('CallerID'));
      const outcome = await ctx.pbx.telephony.originate({
        channel,
        context: ctx.header('Context'),
        exten: ctx.header('Exten'),
        application: ctx.header('Application'),
        data: ctx.header('Data'),
        timeoutMs: Number(ctx.header('Timeout') ?? 30000) || 30000,
        callerIdNum: cid.num,
        callerIdName: cid.name,
        async: truthy(ctx.header('Async')),
        actionId: ctx.actionId,
        variables: channelVariables(ctx.message.getAll('Variable')),
      });
      if (outcome.ok) ctx.success('Originate successfully queued');
      else ctx.error(outcome.message);
    },
  },
  {
    name: 'Redirect',
    privilege: ['call'],
    handle(ctx) {
      const { telephony, model } = ctx.pbx;
      const channel = requireChannel(ctx, ctx.header('Channel'), 'Channel specified does not exist');
      if (!channel) return;
      const to = requestedDestination(ctx, channel);
      if (!telephony.resolve(to.context, to.exten)) {
        ctx.error('Extension does not exist.');
        return;
      }
      const extraName = ctx.header('ExtraChannel');
      if (extraName) {
        const extra = model.channelByName(extraName);
        if (!extra) {
          ctx.error('ExtraChannel does not exist');
          return;
        }
        ctx.success('Dual Redirect successful');
        telephony.redirect(channel, to, {
          channel: extra,
          to: { context: ctx.header('ExtraContext') ?? to.context, exten: ctx.header('ExtraExten') ?? to.exten },
        });
        return;
      }
      ctx.success('Redirect successful');
      telephony.redirect(channel, to);
    },
  },
  {
    name: 'BlindTransfer',
    privilege: ['call'],
    available: (d) => d.modernActions,
    handle(ctx) {
      const channel = requireChannel(ctx, ctx.header('Channel'), 'Channel specified does not exist');
      if (!channel) return;
      if (!channel.bridgeId) {
        ctx.error('Transfer failed');
        return;
      }
      ctx.success('Transfer succeeded');
      ctx.pbx.telephony.blindTransfer(channel, requestedDestination(ctx, channel));
    },
  },
  {
    name: 'Atxfer',
    privilege: ['call'],
    handle(ctx) {
      const channel = requireChannel(ctx, ctx.header('Channel'), 'Channel specified does not exist');
      if (!channel) return;
      const { telephony } = ctx.pbx;
      // Without transfer features (no T option / BRIDGE_FEATURES) Asterisk acks and the digits go to the peer.
      ctx.success('Atxfer successfully queued');
      if (telephony.hasTransferFeature(channel))
        telephony.attendedTransfer(channel, requestedDestination(ctx, channel));
    },
  },
];
