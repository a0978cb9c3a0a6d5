/** Login, Challenge, Logoff, Ping, Events, Filter, ListCommands. */
import { createHash } from 'node:crypto';
import { amiTimestamp } from '../dialects/snapshot';
import { posixExtendedRegExp } from '../posix-regex';
import type { ActionDefinition } from './types';

/** Asterisk waits a second before answering a failed login, then closes. */
const AUTH_FAILURE_DELAY_MS = 1000;

function parseEventMask(value: string | undefined): 'on' | 'off' | string[] | undefined {
  if (value === undefined) return undefined;
  const v = value.trim().toLowerCase();
  if (v === 'on' || v === 'yes' || v === 'true' || v === 'all') return 'on';
  if (v === 'off' || v === 'no' || v === 'false' || v === '') return 'off';
  return v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

export const sessionActions: ActionDefinition[] = [
  {
    name: 'Challenge',
    privilege: [],
    beforeLogin: true,
    handle(ctx) {
      if ((ctx.header('AuthType') ?? '').toLowerCase() !== 'md5') {
        ctx.error('Must specify AuthType');
        return;
      }
      ctx.session.challenge ??= String(Math.floor(ctx.pbx.random() * 1_000_000_000));
      ctx.respond('Success', [['Challenge', ctx.session.challenge]]);
    },
  },
  {
    name: 'Login',
    privilege: [],
    beforeLogin: true,
    handle(ctx) {
      if (ctx.session.authenticated) {
        ctx.success('Already authenticated');
        return;
      }
      const username = ctx.header('Username') ?? '';
      const user = ctx.pbx.users.find((u) => u.username === username);
      let ok = false;
      if (user) {
        if ((ctx.header('AuthType') ?? '').toLowerCase() === 'md5') {
          const challenge = ctx.session.challenge;
          const expected = challenge
            ? createHash('md5')
                .update(challenge + user.secret)
                .digest('hex')
            : undefined;
          ok = expected !== undefined && (ctx.header('Key') ?? '').toLowerCase() === expected;
        } else {
          ok = ctx.header('Secret') === user.secret;
        }
      }
      if (!ok || !user) {
        const { session, pbx } = ctx;
        pbx.clock.setTimer(AUTH_FAILURE_DELAY_MS, () => {
          ctx.error('Authentication failed');
          pbx.closeSession(session, 0);
        });
        return;
      }
      ctx.session.user = user;
      const mask = parseEventMask(ctx.header('Events'));
      if (mask !== undefined) ctx.session.eventMask = mask;
      ctx.success('Authentication accepted');
      ctx.pbx.greet(ctx.session);
    },
  },
  {
    name: 'Logoff',
    privilege: [],
    beforeLogin: true,
    handle(ctx) {
      ctx.respond('Goodbye', [['Message', 'Thanks for all the fish.']]);
      ctx.pbx.closeSession(ctx.session, 0);
    },
  },
  {
    name: 'Ping',
    privilege: [],
    handle(ctx) {
      ctx.respond('Success', [
        ['Ping', 'Pong'],
        ['Timestamp', amiTimestamp(ctx.pbx.clock.now())],
      ]);
    },
  },
  {
    name: 'Events',
    privilege: [],
    handle(ctx) {
      const mask = parseEventMask(ctx.header('EventMask')) ?? 'off';
      ctx.session.eventMask = mask;
      ctx.respond('Success', [['Events', mask === 'off' ? 'Off' : 'On']]);
    },
  },
  {
    name: 'Filter',
    privilege: ['system'],
    available: (d) => d.modernActions,
    handle(ctx) {
      const operation = (ctx.header('Operation') ?? 'Add').toLowerCase();
      const filter = ctx.header('Filter');
      if (operation !== 'add' || !filter) {
        ctx.error('Filter Operation must be Add');
        return;
      }
      const exclude = filter.startsWith('!');
      let re: RegExp;
      try {
        re = posixExtendedRegExp(exclude ? filter.slice(1) : filter);
      } catch {
        ctx.error('Filter Add failed: invalid regular expression');
        return;
      }
      (exclude ? ctx.session.excludeFilters : ctx.session.includeFilters).push(re);
      ctx.success('Success');
    },
  },
  {
    name: 'ListCommands',
    privilege: [],
    handle(ctx) {
      ctx.respond(
        'Success',
        ctx.pbx.actionNames.map(
          ({ name, privilege }) =>
            [name, ` (Priv: ${privilege.length ? [...privilege, 'all'].join(',') : '<none>'})`] as const,
        ),
      );
    },
  },
];
