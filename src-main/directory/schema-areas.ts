import { contactsSchema } from './contacts-schema';
import { historySchema } from './history-schema';
import type { SchemaArea } from './migrations';

/**
 * Every room's tables in the profile's database, in the order they are created. A room adds its
 * own SchemaArea here (its own numbered migrations, its own file); areas never share a version.
 */
export const SCHEMA_AREAS: readonly SchemaArea[] = [contactsSchema, historySchema];
