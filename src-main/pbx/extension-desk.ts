import { refusal } from '../../src-shared/refusals';
import type { CommandReceipt } from '../../src-preload/contract';
import type { ExtensionTile } from '../../src-preload/state';
import type { CallDesk } from './call-desk';
import { fail, type CommandResult } from './commands/context';
import { setDnd, setPresence, type SettablePresence } from './commands/presence-dnd';
import type { SessionOperator } from './operator';
import type { PictureStore } from './picture-store';
import type { AmiRequester } from './requester';

export interface ExtensionDeskOptions {
  readonly ami: AmiRequester;
  readonly store: PictureStore;
  readonly operator: SessionOperator;
  /** Calling someone's voicemail is a dial from my phone. */
  readonly calls: CallDesk;
}

/** What the operator does to an extension rather than to a call: its presence, its DND, its voicemail. */
export class ExtensionDesk {
  constructor(private readonly options: ExtensionDeskOptions) {}

  async setPresence(extensionId: string, state: SettablePresence, message: string): Promise<CommandResult> {
    return this.withTile(extensionId, (tile) => setPresence(this.options, tile, state, message));
  }

  async setDnd(extensionId: string, on: boolean): Promise<CommandResult> {
    return this.withTile(extensionId, (tile) => setDnd(this.options, tile, on, this.options.operator.dndMethod));
  }

  /** Rings my phone, then the extension's voicemail as the profile's pattern dials it (`*${exten}`). */
  async callVoicemail(extensionId: string): Promise<CommandResult<CommandReceipt>> {
    return this.withTile(extensionId, (tile) => {
      if (!tile.voicemail)
        return Promise.resolve(fail('unsupported', refusal('noVoicemailBox', { exten: tile.exten })));
      return this.options.calls.dial(this.options.operator.voicemailPattern.replaceAll('${exten}', tile.exten));
    });
  }

  private async withTile<T>(
    extensionId: string,
    run: (tile: ExtensionTile) => Promise<CommandResult<T>>,
  ): Promise<CommandResult<T>> {
    const tile = this.options.store.get('extensions', extensionId);
    if (!tile) return fail('callNotFound', refusal('extensionGone', {}));
    return run(tile);
  }
}
