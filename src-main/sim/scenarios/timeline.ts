/**
 * A scripted timeline of outside events, as a JSON file gives it (tests build one with
 * testing/scenario-builder.ts).
 */
import { z } from 'zod';

/** A step `do`es one thing `at` so many ms after the timeline began. */
const stepDoing = <const D extends string, S extends z.ZodRawShape>(does: D, shape: S) =>
  z.object({ at: z.number().min(0), do: z.literal(does), ...shape });

const step = z.discriminatedUnion('do', [
  stepDoing('call', { from: z.string(), to: z.string(), talkMs: z.number().min(0).optional() }),
  stepDoing('deviceState', {
    exten: z.string(),
    state: z.enum(['NOT_INUSE', 'INUSE', 'BUSY', 'UNAVAILABLE', 'RINGING', 'RINGINUSE', 'ONHOLD']),
  }),
  stepDoing('presence', {
    exten: z.string(),
    state: z.enum(['not_set', 'unavailable', 'available', 'away', 'xa', 'chat', 'dnd']),
    subtype: z.string().optional(),
    message: z.string().optional(),
  }),
  stepDoing('mailbox', {
    mailbox: z.string(),
    newCount: z.number().int().min(0),
    oldCount: z.number().int().min(0).optional(),
  }),
  stepDoing('hangup', { exten: z.string() }),
  stepDoing('hold', { exten: z.string() }),
  stepDoing('unhold', { exten: z.string() }),
  stepDoing('park', { exten: z.string(), timeoutMs: z.number().min(0).optional() }),
  stepDoing('noAnswer', { exten: z.string(), on: z.boolean() }),
  stepDoing('attendedTransfer', { exten: z.string(), to: z.string(), consultMs: z.number().min(0).optional() }),
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
