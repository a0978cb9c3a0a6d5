import type { Language } from '../../src-shared/language';

/**
 * The words main itself puts on screen (the tray's menu and tooltip, native notifications), in
 * the operator's language. The page's words live in src-renderer/i18n; these are the few the OS
 * draws for main, so they cannot go through vue-i18n.
 */
export interface DesktopWords {
  readonly notConnected: string;
  connecting(target: string): string;
  connected(target: string): string;
  reconnecting(target: string): string;
  failed(target: string): string;
  callsWaiting(count: number): string;
  /** The tray's hover text from its lines (connection, then calls waiting). */
  tooltip(lines: readonly string[]): string;
  readonly showConsole: string;
  readonly dnd: string;
  readonly logOut: string;
  readonly quit: string;
  readonly callForYou: string;
  /** A caller has waited past the profile's threshold in this queue (the PBX's name for it). */
  waitingInQueue(queue: string): string;
  readonly unknownCaller: string;
}

/** A count as the language writes numbers (1,234 / 1,234 / 1,234), the same rule everywhere. */
const counted = (language: Language, count: number) => new Intl.NumberFormat(language).format(count);

const english: DesktopWords = {
  notConnected: 'Not connected',
  connecting: (target) => `Connecting to ${target}…`,
  connected: (target) => `Connected to ${target}`,
  reconnecting: (target) => `Connection to ${target} lost; trying again`,
  failed: (target) => `Could not connect to ${target}`,
  callsWaiting: (count) => {
    if (count === 0) return 'No calls waiting';
    const one = new Intl.PluralRules('en').select(count) === 'one';
    return `${counted('en', count)} ${one ? 'call' : 'calls'} waiting`;
  },
  tooltip: (lines) => `Switchboard: ${lines.join('. ')}`,
  showConsole: 'Show the console',
  dnd: 'Do not disturb',
  logOut: 'Log out',
  quit: 'Quit Switchboard',
  callForYou: 'Call for you',
  waitingInQueue: (queue) => `Caller waiting too long in queue ${queue}`,
  unknownCaller: 'Unknown caller',
};

// Chinese and Korean have one form for every count, so they need no plural rules.
const chinese: DesktopWords = {
  notConnected: '未连接',
  connecting: (target) => `正在连接 ${target}…`,
  connected: (target) => `已连接到 ${target}`,
  reconnecting: (target) => `与 ${target} 的连接已中断，正在重试`,
  failed: (target) => `无法连接到 ${target}`,
  callsWaiting: (count) => (count === 0 ? '没有等待接听的来电' : `${counted('zh-CN', count)} 个来电等待接听`),
  tooltip: (lines) => `Switchboard：${lines.join('；')}`,
  showConsole: '显示控制台',
  dnd: '请勿打扰',
  logOut: '退出登录',
  quit: '退出 Switchboard',
  callForYou: '您有来电',
  waitingInQueue: (queue) => `队列 ${queue} 中有来电者等待过久`,
  unknownCaller: '未知来电者',
};

const korean: DesktopWords = {
  notConnected: '연결 안 됨',
  connecting: (target) => `${target}에 연결 중…`,
  connected: (target) => `${target}에 연결됨`,
  reconnecting: (target) => `${target} 연결 끊김, 다시 시도하는 중`,
  failed: (target) => `${target}에 연결할 수 없습니다`,
  callsWaiting: (count) => (count === 0 ? '대기 중인 전화 없음' : `대기 중인 전화 ${counted('ko', count)}통`),
  tooltip: (lines) => `Switchboard: ${lines.join('. ')}`,
  showConsole: '콘솔 보기',
  dnd: '방해 금지',
  logOut: '로그아웃',
  quit: 'Switchboard 종료',
  callForYou: '전화가 왔습니다',
  waitingInQueue: (queue) => `${queue} 대기열에서 발신자가 오래 기다리고 있습니다`,
  unknownCaller: '알 수 없는 발신자',
};

export const DESKTOP_WORDS: Readonly<Record<Language, DesktopWords>> = { en: english, 'zh-CN': chinese, ko: korean };
