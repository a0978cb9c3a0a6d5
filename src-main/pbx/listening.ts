import type { ListeningSession } from '../../src-preload/state';
import type { AmiMessage } from '../ami/message';
import type { PictureStore } from './picture-store';

/** How long my phone may ring for a listen before the session is given up (the Originate's timeout and some). */
const CALLING_LIMIT_MS = 40_000;

interface Tracked {
  session: ListeningSession;
  /** The Originate's ActionID: its OriginateResponse names my channel. */
  readonly actionId: string;
  /** The channel ChanSpy listens to (the Data we sent). */
  readonly spyeeName: string;
  readonly startedAt: number;
  /** My phone's channel running ChanSpy, once the PBX named it. */
  spyerName: string | undefined;
}

/** How a listening session ended, for the operator's notice. */
export type ListeningEnd = 'stopped' | 'notAnswered' | 'nothingToHear';

/**
 * The operator's listening sessions, from the PBX's events: an Originate into ChanSpy is calling
 * until ChanSpyStart (no event tells listen, whisper and barge apart: the mode is what we asked
 * for), listening until ChanSpyStop or the hangup of my channel (trace 21).
 */
export class ListeningTracker {
  private readonly tracked = new Map<string, Tracked>();

  constructor(
    private readonly store: PictureStore,
    private readonly onEnd: (session: ListeningSession, end: ListeningEnd) => void,
    private readonly onStart: (session: ListeningSession) => void,
  ) {}

  begin(session: ListeningSession, actionId: string, spyeeName: string, now: number): void {
    this.tracked.set(session.id, { session, actionId, spyeeName, startedAt: now, spyerName: undefined });
    this.store.upsert('listening', [session]);
  }

  /** Whether any listening session is asked for or under way. */
  get listening(): boolean {
    return this.tracked.size > 0;
  }

  /**
   * Whether a channel is my phone's leg of a listening session: named by the PBX (OriginateResponse,
   * ChanSpyStart), or, while my phone still rings for one, a channel of mine made since it was asked
   * for and talking to no one. It is shown on the listened-to call, never as a call of its own.
   */
  isSpyerLeg(
    channel: { readonly name: string; readonly createdAt: number; readonly bridgeId: string | undefined },
    isMine: boolean,
  ): boolean {
    for (const entry of this.tracked.values()) {
      if (entry.spyerName === channel.name) return true;
      if (
        entry.spyerName === undefined &&
        isMine &&
        channel.bridgeId === undefined &&
        channel.createdAt >= entry.startedAt
      )
        return true;
    }
    return false;
  }

  /** My channel for a session: what to hang up to stop it. */
  spyerOf(listenId: string): string | undefined {
    return this.tracked.get(listenId)?.spyerName;
  }

  handleEvent(message: AmiMessage, now: number): void {
    switch (message.event) {
      case 'OriginateResponse': {
        const entry = [...this.tracked.values()].find((one) => one.actionId === message.actionId);
        if (!entry) return;
        if (message.get('Response') !== 'Success') this.end(entry, 'notAnswered');
        else entry.spyerName = message.get('Channel');
        return;
      }
      case 'ChanSpyStart': {
        const entry = this.bySpyer(message.get('SpyerChannel')) ?? this.bySpyee(message.get('SpyeeChannel'));
        if (!entry) return;
        entry.spyerName = message.get('SpyerChannel') ?? entry.spyerName;
        if (entry.session.stage === 'listening') return;
        entry.session = { ...entry.session, stage: 'listening' };
        this.store.upsert('listening', [entry.session]);
        this.onStart(entry.session);
        return;
      }
      case 'ChanSpyStop': {
        const entry = this.bySpyer(message.get('SpyerChannel'));
        if (entry) this.end(entry, 'stopped');
        return;
      }
      case 'Hangup': {
        // ChanSpy on a channel that is gone: no ChanSpy event, my channel just hangs up (trace 21).
        const entry = this.bySpyer(message.get('Channel'));
        if (entry) this.end(entry, entry.session.stage === 'listening' ? 'stopped' : 'nothingToHear');
        return;
      }
    }
    for (const entry of this.tracked.values())
      if (entry.session.stage === 'calling' && now - entry.startedAt > CALLING_LIMIT_MS) this.end(entry, 'notAnswered');
  }

  /** A new login: nothing from before is trusted. */
  clear(): void {
    this.tracked.clear();
    this.store.replace('listening', []);
  }

  private bySpyer(name: string | undefined): Tracked | undefined {
    return name ? [...this.tracked.values()].find((entry) => entry.spyerName === name) : undefined;
  }

  private bySpyee(name: string | undefined): Tracked | undefined {
    return name
      ? [...this.tracked.values()].find((entry) => entry.session.stage === 'calling' && entry.spyeeName === name)
      : undefined;
  }

  private end(entry: Tracked, end: ListeningEnd): void {
    this.tracked.delete(entry.session.id);
    this.store.remove('listening', [entry.session.id]);
    this.onEnd(entry.session, end);
  }
}
