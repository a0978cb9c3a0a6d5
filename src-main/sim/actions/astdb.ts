/** DBPut, DBGet, DBDel, DBGetTree, DBDelTree: Asterisk's AstDB, as trace 22 shows it (no events). */
import type { ActionDefinition } from './types';

const key = (family: string, name: string) => `${family}/${name}`;

export const astdbActions: ActionDefinition[] = [
  {
    name: 'DBPut',
    privilege: ['system'],
    handle(ctx) {
      const family = ctx.header('Family');
      const name = ctx.header('Key');
      if (!family) return ctx.error('No family specified');
      if (!name) return ctx.error('No key specified');
      ctx.pbx.model.astdb.set(key(family, name), ctx.header('Val') ?? '');
      ctx.success('Updated database successfully');
    },
  },
  {
    name: 'DBGet',
    privilege: ['system', 'reporting'],
    handle(ctx) {
      const family = ctx.header('Family');
      const name = ctx.header('Key');
      if (!family) return ctx.error('No family specified.');
      if (!name) return ctx.error('No key specified.');
      const value = ctx.pbx.model.astdb.get(key(family, name));
      if (value === undefined) return ctx.error('Database entry not found');
      ctx.list(
        'Result will follow',
        [
          {
            event: 'DBGetResponse',
            fields: [
              ['Family', family],
              ['Key', name],
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
      const family = ctx.header('Family');
      const name = ctx.header('Key');
      if (!family) return ctx.error('No family specified.');
      if (!name) return ctx.error('No key specified.');
      if (!ctx.pbx.model.astdb.delete(key(family, name))) return ctx.error('Database entry could not be deleted');
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
