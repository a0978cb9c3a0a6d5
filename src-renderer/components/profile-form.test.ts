import { describe, expect, it } from 'vitest';
import { DEFAULT_BOARD_PREFS } from '../../src-shared/profile';
import { changesFrom, draftFrom, formFor, type UserProfileSummary } from './profile-form';

const saved: UserProfileSummary = {
  kind: 'user',
  id: '6f1c1d2e-8f43-4c8e-9a57-2f0f3b9f7d10',
  displayName: 'Front desk',
  host: 'pbx.example.org',
  port: 5039,
  tls: { enabled: true, caFile: '/etc/switchboard/ca.pem', serverName: 'pbx.internal' },
  username: 'reception',
  authType: 'md5',
  myDevice: 'PJSIP/200',
  dialContext: 'internal',
  parkingLot: 'default',
  recordingPattern: '${date}-${caller}',
  board: { ...DEFAULT_BOARD_PREFS, contexts: ['internal', 'sales'] },
  watchedQueues: [],
  desktop: { keepInTray: false, startAtLogin: false, bringToFrontShortcut: '' },
  voicemailPattern: '*${exten}',
  dndMethod: 'auto',
  listenIn: false,
  ringSound: false,
  history: { scope: 'mine', retentionDays: 90 },
  hasSavedSecret: true,
};

describe('the profile editor form', () => {
  it('sends nothing when nothing was changed', () => {
    expect(changesFrom(formFor(saved), saved)).toEqual({});
  });

  it('sends only the changed fields, board preferences one by one, and keeps the CA file', () => {
    const form = {
      ...formFor(saved),
      port: 5038,
      serverName: 'pbx.example.org',
      tileSize: 'large' as const,
      contexts: 'internal',
    };
    expect(changesFrom(form, saved)).toEqual({
      port: 5038,
      tls: { enabled: true, serverName: 'pbx.example.org', caFile: '/etc/switchboard/ca.pem' },
      board: { contexts: ['internal'], tileSize: 'large' },
    });
  });

  it('removes my device when its field is emptied', () => {
    expect(changesFrom({ ...formFor(saved), myDevice: ' ' }, saved)).toEqual({ myDevice: null });
  });

  it('leaves empty optional settings out of a new profile so main fills in its defaults', () => {
    const draft = draftFrom({ ...formFor(undefined), displayName: ' Night ', host: 'pbx', username: 'night' });
    expect(draft).toEqual({
      displayName: 'Night',
      host: 'pbx',
      port: 5038,
      username: 'night',
      authType: 'md5',
      tls: { enabled: false },
      board: { contexts: [], extensionFilter: '', grouping: 'context', tileSize: 'normal', language: 'auto' },
      desktop: { keepInTray: false, startAtLogin: false, bringToFrontShortcut: '' },
      history: { scope: 'mine', retentionDays: 90 },
      voicemailPattern: '*${exten}',
      dndMethod: 'auto',
      listenIn: false,
      ringSound: false,
      queueWaitThresholdSeconds: 60,
      watchedQueues: [],
    });
  });
});

describe('the profile editor form, receptionist settings', () => {
  it('sends only the receptionist settings that changed, the threshold as a number of seconds', () => {
    expect(changesFrom({ ...formFor(saved), listenIn: true }, saved)).toEqual({ listenIn: true });
    expect(
      changesFrom({ ...formFor(saved), voicemailPattern: ' 8${exten} ', dndMethod: 'freepbx', ringSound: true }, saved),
    ).toEqual({ voicemailPattern: '8${exten}', dndMethod: 'freepbx', ringSound: true });
    expect(changesFrom({ ...formFor(saved), queueWaitThresholdSeconds: 45 }, saved)).toEqual({
      queueWaitThresholdSeconds: 45,
    });
  });

  it('takes a profile saved without a queue wait threshold as waiting the default time', () => {
    expect(formFor(saved).queueWaitThresholdSeconds).toBe(60);
    expect(changesFrom(formFor({ ...saved, queueWaitThresholdSeconds: 20 }), saved)).toEqual({
      queueWaitThresholdSeconds: 20,
    });
  });

  it('sends the watched queues as a list when they change; emptied, every queue is watched again', () => {
    expect(formFor(saved).watchedQueues).toBe('');
    expect(changesFrom({ ...formFor(saved), watchedQueues: ' operator, ,sales ' }, saved)).toEqual({
      watchedQueues: ['operator', 'sales'],
    });
    const watching = { ...saved, watchedQueues: ['operator', 'sales'] };
    expect(formFor(watching).watchedQueues).toBe('operator, sales');
    expect(changesFrom(formFor(watching), watching)).toEqual({});
    expect(changesFrom({ ...formFor(watching), watchedQueues: '' }, watching)).toEqual({ watchedQueues: [] });
  });

  it('sends an emptied voicemail number as typed, for main to say what is wrong', () => {
    expect(changesFrom({ ...formFor(saved), voicemailPattern: ' ' }, saved)).toEqual({ voicemailPattern: '' });
  });
});

describe('the profile editor form, call history settings', () => {
  it('sends only the history settings that changed, the retention as a number of days', () => {
    expect(changesFrom({ ...formFor(saved), historyRetentionDays: 30 }, saved)).toEqual({
      history: { retentionDays: 30 },
    });
    expect(changesFrom({ ...formFor(saved), historyScope: 'board' }, saved)).toEqual({ history: { scope: 'board' } });
    expect(changesFrom(formFor(saved), saved)).toEqual({});
  });
});

describe('the profile editor form, desktop settings', () => {
  it('sends only the desktop settings that changed', () => {
    const form = { ...formFor(saved), keepInTray: true, bringToFrontShortcut: ' Ctrl+Alt+S ' };
    expect(changesFrom(form, saved)).toEqual({ desktop: { keepInTray: true, bringToFrontShortcut: 'Ctrl+Alt+S' } });
    expect(draftFrom(formFor(undefined)).desktop).toEqual({
      keepInTray: false,
      startAtLogin: false,
      bringToFrontShortcut: '',
    });
  });
});
