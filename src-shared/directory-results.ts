/**
 * The directory room's plain data that crosses IPC as it is. The contract imports these types, and
 * the renderer's typecheck reads this file, so nothing here may need Node.
 */

/** Something the operator should be told about the phonebook file, even though the app carried on. */
export type DirectoryProblem = {
  readonly kind: 'recoveredFromCorruptFile';
  /** Where the unreadable file was kept, as found. */
  readonly backupPath: string;
  readonly reason: string;
  readonly message: string;
};
