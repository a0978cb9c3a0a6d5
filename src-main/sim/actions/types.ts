import type { AmiHeader, AmiMessage } from '../../ami/message';
import type { SimClock } from '../clock';
import type { DialectProfile } from '../dialects';
import type { SimModel } from '../model';
import type { ManagerSession } from '../session';
import type { Telephony } from '../telephony';
import type { ManagerUser } from '../users';

/** What action handlers may use of the running simulator. */
export interface PbxRuntime {
  readonly model: SimModel;
  readonly telephony: Telephony;
  readonly profile: DialectProfile;
  readonly clock: SimClock;
  readonly users: readonly ManagerUser[];
  readonly port: number;
  /** Deterministic random numbers (challenges). */
  random(): number;
  /** Closes a session after `delayMs` on the simulator's clock (0 = once written). */
  closeSession(session: ManagerSession, delayMs: number): void;
  /** Events that follow a login (FullyBooted, SuccessfulAuth), if the session may read them. */
  greet(session: ManagerSession): void;
  readonly actionNames: readonly { name: string; privilege: readonly string[] }[];
}

export interface ListItem {
  event: string;
  fields: readonly AmiHeader[];
  /** Asterisk puts ActionID last in some list items (Status, ParkedCall, Queue*). */
  actionIdLast?: boolean;
}

export class ActionContext {
  constructor(
    readonly pbx: PbxRuntime,
    readonly session: ManagerSession,
    readonly message: AmiMessage,
  ) {}

  get actionId(): string | undefined {
    return this.message.get('ActionID');
  }

  header(name: string): string | undefined {
    return this.message.get(name);
  }

  /**
   * The values of headers the action cannot do without, each with Asterisk's error when it is
   * missing: undefined once the first missing one (in the order given) has been answered.
   */
  required<const N extends string>(errors: Readonly<Record<N, string>>): Readonly<Record<N, string>> | undefined {
    const values: Partial<Record<N, string>> = {};
    for (const [name, error] of Object.entries(errors) as [N, string][]) {
      const value = this.header(name);
      if (!value) return void this.error(error);
      values[name] = value;
    }
    return values as Record<N, string>;
  }

  private idHeader(): AmiHeader[] {
    const id = this.actionId;
    return id === undefined ? [] : [['ActionID', id]];
  }

  respond(response: string, fields: readonly AmiHeader[] = []): void {
    this.session.send([['Response', response], ...this.idHeader(), ...fields]);
  }

  success(message?: string, fields: readonly AmiHeader[] = []): void {
    this.respond('Success', message === undefined ? fields : [['Message', message], ...fields]);
  }

  error(message: string, fields: readonly AmiHeader[] = []): void {
    this.respond('Error', [['Message', message], ...fields]);
  }

  raw(bytes: Buffer): void {
    this.session.writeRaw(bytes);
  }

  /** Response + items + `<Complete>` event, in the modern (EventList) or old form per dialect. */
  list(message: string, items: readonly ListItem[], complete: string, completeExtra: readonly AmiHeader[] = []): void {
    const modern = this.pbx.profile.modernActions;
    this.respond(
      'Success',
      modern
        ? [
            ['EventList', 'start'],
            ['Message', message],
          ]
        : [['Message', message]],
    );
    for (const item of items) {
      this.session.send(
        item.actionIdLast
          ? [['Event', item.event], ...item.fields, ...this.idHeader()]
          : [['Event', item.event], ...this.idHeader(), ...item.fields],
      );
    }
    this.session.send([
      ['Event', complete],
      ...this.idHeader(),
      ...(modern
        ? ([
            ['EventList', 'Complete'],
            ['ListItems', String(items.length)],
          ] as AmiHeader[])
        : []),
      ...completeExtra,
    ]);
  }
}

export interface ActionDefinition {
  readonly name: string;
  /** Write classes of which the user needs one; empty = anyone logged in. */
  readonly privilege: readonly string[];
  /** Allowed before login (Login, Challenge, Logoff). */
  readonly beforeLogin?: boolean;
  /** Whether the dialect has the action at all. */
  available?(dialect: DialectProfile): boolean;
  handle(ctx: ActionContext): void | Promise<void>;
}

/** Looks a channel up by name; answers the usual error when it is not there. */
export function requireChannel(ctx: ActionContext, name: string | undefined, message = 'No such channel') {
  const channel = name ? ctx.pbx.model.channelByName(name) : undefined;
  if (!channel) ctx.error(name ? message : 'No channel specified');
  return channel;
}
