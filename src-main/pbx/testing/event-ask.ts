import type { AmiMessage } from '../../ami/message';
import { posixExtendedRegExp } from '../../sim/posix-regex';

/** What one console session asked Asterisk to send: its login's event classes and its filters. */
export class EventAsk {
  private classes: readonly string[] | 'on' = 'on';
  private readonly include: RegExp[] = [];
  private readonly exclude: RegExp[] = [];

  login(events: string | undefined): void {
    const asked = (events ?? 'on')
      .toLowerCase()
      .split(',')
      .map((name) => name.trim());
    this.classes = asked.includes('on') || asked.includes('all') ? 'on' : asked.includes('off') ? [] : asked;
  }

  filter(value: string): void {
    if (value.startsWith('!')) this.exclude.push(posixExtendedRegExp(value.slice(1)));
    else this.include.push(posixExtendedRegExp(value));
  }

  /** Asterisk's manager.c: the event's class must be asked for, then filters judge its text. */
  passes(message: AmiMessage, text: string): boolean {
    const privilege = (message.get('Privilege') ?? '').split(',').filter((name) => name && name !== 'all');
    if (this.classes !== 'on' && privilege.length > 0 && !privilege.some((name) => this.classes.includes(name)))
      return false;
    if (this.include.length > 0 && !this.include.some((re) => re.test(text))) return false;
    return !this.exclude.some((re) => re.test(text));
  }
}
