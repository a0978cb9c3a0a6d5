import type { SessionFailure } from '../../src-shared/error-codes';
import { i18n } from '.';
import type { Words } from './words';

const { t } = i18n.global;

/** The OS's "cannot reach" codes main passes on, in the operator's words. */
const BECAUSE: Readonly<Record<string, () => string>> = {
  ENOTFOUND: () => t('failure.because.ENOTFOUND'),
  EAI_AGAIN: () => t('failure.because.EAI_AGAIN'),
  EHOSTUNREACH: () => t('failure.because.EHOSTUNREACH'),
  ENETUNREACH: () => t('failure.because.ENETUNREACH'),
  EHOSTDOWN: () => t('failure.because.EHOSTDOWN'),
  EADDRNOTAVAIL: () => t('failure.because.EADDRNOTAVAIL'),
};

/**
 * Why a session is down, in the language the page speaks, from the code and detail main sent.
 * `where` is the PBX as the status names it (`pbx.example.com:5038`).
 */
export function failureWords(where: string, reason: SessionFailure): string {
  const detail = reason.detail ?? '';
  // Each code's words take the placeholders they need from these; the rest are left unused.
  const said = {
    where,
    detail: reason.detail === undefined ? '' : t('failure.aside', { text: detail }),
    because: Object.hasOwn(BECAUSE, detail) ? BECAUSE[detail]!() : detail,
    greeting: detail,
  };
  // Each code's words are failure.<code> (the type checker holds English to that); a restart is a
  // shutdown in its own words.
  const key: keyof Words['failure'] = reason.code === 'shutdown' && detail === 'restart' ? 'restart' : reason.code;
  return t(`failure.${key}`, said);
}
