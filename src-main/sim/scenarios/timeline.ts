/**
 * A scripted timeline of outside events, as a JSON file gives it (tests build one with
 * testing/scenario-builder.ts).
 */
import { z } from 'zod';

const step = z.discriminatedUnion('do', [
  z.object({
    at: z.number().min(0),
    do: z.literal('call'),
    from: z.string(),
    to: z.string(),
    talkMs: z.number().min(0).optional(),
  }),
  z.object({
    at: z.number().min(0),
    do: z.literal('deviceState'),
    exten: z.string(),
    state: z.enum(['NOT_INUSE', 'INUSE', 'BUSY', 'UNAVAILABLE', 'RINGING', 'RINGINUSE', 'ONHOLD']),
  }),
  z.object({
    at: z.number().min(0),
    do: z.literal('presence'),
    exten: z.string(),
    state: z.enum(['not_set', 'unavailable', 'available', 'away', 'xa', 'chat', 'dnd']),
    subtype: z.string().optional(),
    message: z.string().optional(),
  }),
  z.object({
    at: z.number().min(0),
    do: z.literal('mailbox'),
    mailbox: z.string(),
    newCount: z.number().int().min(0),
    oldCount: z.number().int().min(0).optional(),
  }),
  z.object({ at: z.number().min(0), do: z.literal('hangup'), exten: z.string() }),
  z.object({ at: z.number().min(0), do: z.literal('hold'), exten: z.string() }),
  z.object({ at: z.number().min(0), do: z.literal('unhold'), exten: z.string() }),
  z.object({
    at: z.number().min(0),
    do: z.literal('park'),
    exten: z.string(),
    timeoutMs: z.number().min(0).optional(),
  }),
  z.object({ at: z.number().min(0), do: z.literal('noAnswer'), exten: z.string(), on: z.boolean() }),
  z.object({
    at: z.number().min(0),
    do: z.literal('attendedTransfer'),
    exten: z.string(),
    to: z.string(),
    consultMs: z.number().min(0).optional(),
  }),
]);

export const scenarioSchema = z.object({
  name: z.string(),
  /** Restart the timeline this many ms after it began (optional). */
  repeatEveryMs: z.number().positive().optional(),
  steps: z.array(step),
});

export type ScenarioStep = z.infer<typeof step>;
export type Scenario = z.infer<typeof scenarioSchema>;

export function parseScenario(json: unknown): Scenario {
  return scenarioSchema.parse(json);
}
