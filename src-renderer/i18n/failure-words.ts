import type { SessionFailure } from '../../src-shared/error-codes';
import { i18n } from '.';

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
  const detail = reason.detail === undefined ? '' : t('failure.aside', { text: reason.detail });
  switch (reason.code) {
    case 'authFailed':
      return t('failure.authFailed', { where, detail });
    case 'loginUnsendable':
      return t('failure.loginUnsendable', { where });
    case 'refused':
      return t('failure.refused', { where });
    case 'unreachable':
      return t('failure.unreachable', { where, because: BECAUSE[reason.detail ?? '']?.() ?? reason.detail ?? '' });
    case 'notAmi':
      return t('failure.notAmi', { where, greeting: reason.detail ?? '' });
    case 'timeout':
      return t('failure.timeout', { where });
    case 'tls':
      return t('failure.tls', { where, detail });
    case 'closedByPeer':
      return t('failure.closedByPeer', { where });
    case 'shutdown':
      return reason.detail === 'restart' ? t('failure.restart', { where }) : t('failure.shutdown', { where });
    case 'linkDead':
      return t('failure.linkDead', { where });
    case 'protocol':
      return t('failure.protocol', { where, detail });
    case 'permission':
      return t('failure.permission', { where });
  }
}
