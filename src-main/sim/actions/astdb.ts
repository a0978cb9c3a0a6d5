/** DBPut, DBGet, DBDel, DBGetTree, DBDelTree: Asterisk's AstDB, as trace 22 shows it (no events). */
import type { ActionContext, ActionDefinition } from './types';

/** Family and Key, or undefined once Asterisk's words for the first missing one are sent (DBPut's have no full stop). */
const entryOf = (ctx: ActionContext, stop: '' | '.') =>
  ctx.required({ Family: `No family specified${stop}`, Key: `No key specified${stop}` });

const pathOf = (entry: { readonly Family: string; readonly Key: string }) => `${entry.Family}/${entry.Key}`;

export const astdbActions: ActionDefinition[] = [
  {
    name: 'DBPut',
    privilege: ['system'],
    handle(ctx) {
      const entry = entryOf(ctx, '');
      if (!entry) return;
      ctx.pbx.model.astdb.set(pathOf(entry), ctx.header('Val') ?? '');
      ctx.success('Updated database successfully');
    },
  },
  {
    name: 'DBGet',
    privilege: ['system', 'reporting'],
    handle(ctx) {
      const entry = entryOf(ctx, '.');
      if (!entry) return;
      const value = ctx.pbx.model.astdb.get(pathOf(entry));
      if (value === undefined) return ctx.error('Database entry not found');
      ctx.list(
        'Result will follow',
        [
          {
            event: 'DBGetResponse',
            fields: [
              ['Family', entry.Family],
              ['Key', entry.Key],
              ['Val', value],
            ],
            actionIdLast: true,
          },
        ],
        'DBGetComplete',
      );
    },
  },
  {
    name: 'DBGetTree',
    privilege: ['system', 'reporting'],
    available: (d) => d.modernActions,
    handle(ctx) {
      const family = ctx.header('Family') ?? '';
      const items = [...ctx.pbx.model.astdb.entries()]
        .filter(([path]) => family === '' || path.startsWith(`${family}/`))
        .map(([path, value]) => ({
          event: 'DBGetTreeResponse',
          fields: [
            ['Key', `/${path}`],
            ['Val', value],
          ] as [string, string][],
          actionIdLast: true,
        }));
      ctx.list('Result will follow', items, 'DBGetTreeComplete');
    },
  },
  {
    name: 'DBDel',
    privilege: ['system'],
    handle(ctx) {
      const entry = entryOf(ctx, '.');
      if (!entry) return;
      if (!ctx.pbx.model.astdb.delete(pathOf(entry))) return ctx.error('Database entry could not be deleted');
      ctx.success('Key deleted successfully');
    },
  },
  {
    name: 'DBDelTree',
    privilege: ['system'],
    handle(ctx) {
      const family = ctx.header('Family');
      if (!family) return ctx.error('No family specified.');
      const gone = [...ctx.pbx.model.astdb.keys()].filter((path) => path.startsWith(`${family}/`));
      if (gone.length === 0) return ctx.error('Database entry could not be deleted');
      for (const path of gone) ctx.pbx.model.astdb.delete(path);
      ctx.success('Key tree deleted successfully');
    },
  },
];
