import { watch } from 'vue';
import type { PbxPicture } from '../../src-preload/state';
import { useBoardStore } from './board';
import { useNoticesStore, type NoticeTone } from './notices';

/** What the picture shows about a command that main answers at once (park, record, hang up). */
export type PictureVerdict = { readonly tone: Exclude<NoticeTone, 'progress'>; readonly text: string } | undefined;

/** How long the PBX's events get to show that an acknowledged command happened. */
const VERDICT_WINDOW_MS = 6_000;

let seq = 0;

/**
 * Main acknowledges park, record and hang-up as soon as the PBX accepts them; the words come from the
 * picture (built from the PBX's events) once it shows what happened, or say that it did not.
 */
export function followInPicture(options: {
  readonly pending: string;
  readonly judge: (picture: PbxPicture) => PictureVerdict;
  readonly unseen: string;
}): void {
  const board = useBoardStore();
  const notices = useNoticesStore();
  const key = `picture-${++seq}`;
  notices.show('progress', options.pending, key);
  const settle = (verdict: NonNullable<PictureVerdict>) => {
    stop();
    clearTimeout(timer);
    notices.show(verdict.tone, verdict.text, key);
  };
  const stop = watch(
    () => board.picture,
    (picture) => {
      const verdict = options.judge(picture);
      if (verdict) settle(verdict);
    },
  );
  const timer = setTimeout(() => settle({ tone: 'error', text: options.unseen }), VERDICT_WINDOW_MS);
}
