/**
 * Run by process-guard.test.ts in a child process, since the guard takes over the whole process's
 * last-resort handlers: one unhandled rejection and one uncaught exception, then prints the count.
 */
import { consoleLog } from './log';
import { guardProcess } from './process-guard';

const faults = guardProcess(consoleLog);
void Promise.reject(new Error('rejected in a test'));
setTimeout(() => {
  throw new TypeError('thrown in a test');
}, 0);
setTimeout(() => {
  process.stdout.write(JSON.stringify({ count: faults.count, again: guardProcess(consoleLog) === faults }));
}, 50);
