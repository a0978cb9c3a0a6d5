/** Park, ParkedCalls, Parkinglots. */
import { parkedHeaders } from '../dialects/bridge-era';
import { requireChannel, type ActionDefinition, type ListItem } from './types';

export const parkingActions: ActionDefinition[] = [
  {
    name: 'Park',
    privilege: ['call'],
    handle(ctx) {
      const { telephony, model, profile: dialect } = ctx.pbx;
      const parkee = requireChannel(ctx, ctx.header('Channel'));
      if (!parkee) return;
      // asterisk-11: Channel2 (required) gets the announcement and the call back on timeout.
      const otherName = dialect.modernActions ? ctx.header('TimeoutChannel') : ctx.header('Channel2');
      if (!dialect.modernActions && !otherName) {
        ctx.error('Channel2 not specified');
        return;
      }
      const other = otherName ? model.channelByName(otherName) : undefined;
      if (otherName && !other) {
        ctx.error(`Channel does not exist: ${otherName}`);
        return;
      }
      if (model.freeParkingSpace() === undefined) {
        ctx.error('Park failed');
        return;
      }
      const timeoutMs = Number(ctx.header('Timeout') ?? telephony.parkingTimeoutMs) || telephony.parkingTimeoutMs;
      // Real Asterisk ends this Message with a bare LF before the CRLF (trace 12).
      const id = ctx.actionId === undefined ? '' : `ActionID: ${ctx.actionId}\r\n`;
      ctx.raw(Buffer.from(`Response: Success\r\n${id}Message: Park successful\n\r\n\r\n`, 'utf8'));
      telephony.park(parkee, other, timeoutMs);
    },
  },
  {
    name: 'ParkedCalls',
    privilege: ['call'],
    handle(ctx) {
      const { model, clock, profile: dialect } = ctx.pbx;
      const items: ListItem[] = [...model.parked.values()].map((p) =>
        dialect.modernActions
          ? { event: 'ParkedCall', actionIdLast: true, fields: parkedHeaders(p, clock.now()) }
          : {
              event: 'ParkedCall',
              fields: [
                ['Parkinglot', p.lot],
                ['Exten', String(p.space)],
                ['Channel', p.parkee.name],
                ['From', p.parkerDialString],
                ['Timeout', String(Math.max(0, p.timeoutSec - Math.floor((clock.now() - p.parkedAt) / 1000)))],
                ['CallerIDNum', p.parkee.callerIdNum],
                ['CallerIDName', p.parkee.callerIdName],
                ['ConnectedLineNum', p.parkee.connectedNum],
                ['ConnectedLineName', p.parkee.connectedName],
              ],
            },
      );
      ctx.list('Parked calls will follow', items, 'ParkedCallsComplete', [['Total', String(items.length)]]);
    },
  },
  {
    name: 'Parkinglots',
    privilege: ['call'],
    available: (d) => d.modernActions,
    handle(ctx) {
      const { office } = ctx.pbx.model;
      ctx.list(
        'Parking lots will follow',
        [
          {
            event: 'Parkinglot',
            fields: [
              ['Name', office.parking.lot],
              ['StartSpace', String(office.parking.firstSpace)],
              ['StopSpace', String(office.parking.lastSpace)],
              ['Timeout', String(Math.round(ctx.pbx.telephony.parkingTimeoutMs / 1000))],
            ],
          },
        ],
        'ParkinglotsComplete',
      );
    },
  },
];
