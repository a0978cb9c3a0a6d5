/**
 * What can be dialled or transferred to: digits, letters and the keypad's `*#+`, never anything that
 * could name a context or a device. Main validates with it; the page says it next to the field.
 */
export const DIAL_TARGET = /^[A-Za-z0-9*#+_.-]{1,64}$/;
