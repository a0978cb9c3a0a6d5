/** Manager users and their read/write classes, as in manager.conf. */
export interface ManagerUser {
  username: string;
  secret: string;
  read: readonly string[];
  write: readonly string[];
}

/** The built-in Demo PBX login. */
export const DEMO_MANAGER_USER: ManagerUser = { username: 'demo', secret: 'demo', read: ['all'], write: ['all'] };

export function allows(classes: readonly string[], wanted: readonly string[]): boolean {
  if (wanted.length === 0) return true;
  if (classes.includes('all')) return true;
  return wanted.some((c) => classes.includes(c));
}
