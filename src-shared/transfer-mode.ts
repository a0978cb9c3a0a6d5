/** How the operator hands a call on: at once (blind), or after speaking to the target first (attended). */
export const TRANSFER_MODES = ['blind', 'attended'] as const;
export type TransferMode = (typeof TRANSFER_MODES)[number];
