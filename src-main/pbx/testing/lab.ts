import { ExtensionMatcher, type HintedExtension } from '../calls/device-match';

/** Test-only: the lab PBX's board (100-119@internal, hint Custom:1NN, handsets Local/1NN@phones). */
export const LAB_EXTENSIONS: HintedExtension[] = Array.from({ length: 20 }, (_, index) => {
  const exten = String(100 + index);
  return { id: `${exten}@internal`, exten, hint: `Custom:${exten}` };
});

export const labMatcher = () => new ExtensionMatcher(LAB_EXTENSIONS, { handsetContexts: ['phones'] });
