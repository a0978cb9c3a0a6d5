/** Asterisk reads at most 1024 bytes a line, line end included; a longer line is discarded there. */
export const MAX_LINE_BYTES = 1024;
