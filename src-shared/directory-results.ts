import type { Refusal } from './refusals';

/**
 * The directory room's plain data that crosses IPC as it is. The contract imports these types, and
 * the renderer's typecheck reads this file, so nothing here may need Node.
 */

/** Something the operator should be told about the phonebook file, even though the app carried on. */
export type DirectoryProblem = {
  readonly kind: 'recoveredFromCorruptFile';
  /** Where the unreadable file was kept, as found. */
  readonly backupPath: string;
  /** What was wrong with it, as the page words it (`mainSaid.<reason>`). */
  readonly said: Refusal;
};

export type SourceKind = 'pbx' | 'csv' | 'vcard' | 'ldap';
export type NumberKind = 'work' | 'mobile' | 'extension' | 'other';

/** One phonebook entry as the page shows it. A PBX user's `extension` gives its lamp and presence on the board. */
export interface DirectoryEntry {
  readonly id: number;
  readonly name: string;
  readonly company: string;
  readonly department: string;
  readonly extension?: string;
  readonly source: { readonly kind: SourceKind; readonly label: string };
  readonly numbers: readonly { readonly kind: NumberKind; readonly number: string }[];
}

export interface DirectoryPage {
  readonly entries: readonly DirectoryEntry[];
  /** Ask again from here for more; absent on the last page. */
  readonly nextOffset?: number;
}

/** Which CSV column (counted from 0) holds each field. A name, or a first and last name, is required. */
export interface CsvMapping {
  name?: number;
  firstName?: number;
  lastName?: number;
  company?: number;
  department?: number;
  phone?: number;
  mobile?: number;
}

/** The mapping step: the file's header, a guessed mapping, and how many rows follow it. */
export interface CsvPreview {
  readonly columns: readonly string[];
  readonly suggested: CsvMapping;
  readonly rows: number;
}

/** An import's outcome: the file's good rows are all stored, or none are. */
export interface ImportReport {
  readonly imported: number;
  /** `line` counts from 1 in the file; the page words `reason` (`directoryImport.<reason>`). */
  readonly skipped: readonly { readonly line: number; readonly reason: Refusal }[];
}

/** An LDAP or Active Directory source. The bind secret is never here: it lives in the OS keychain. */
export interface LdapSettings {
  /** `ldap://host:389` or `ldaps://host:636`. */
  readonly url: string;
  /** `ldaps` (TLS from the start, ldaps:// URL), `starttls` (upgrade on ldap://), or `none`. */
  readonly security: 'ldaps' | 'starttls' | 'none';
  /** A CA certificate (PEM) for a server the system does not trust already. */
  readonly caCertificate?: string;
  /** Empty for an anonymous search. */
  readonly bindDn: string;
  readonly baseDn: string;
  readonly filter: string;
  /** Which attribute holds each field. */
  readonly attributes: {
    readonly name: string;
    readonly phone: string;
    readonly mobile?: string;
    readonly company?: string;
    readonly department?: string;
  };
}

/** A source as the phonebook's settings list it. */
export interface DirectorySource {
  readonly id: number;
  readonly kind: SourceKind;
  readonly label: string;
  readonly contacts: number;
  /** ISO time of the last import or refresh. */
  readonly refreshedAt: string | undefined;
  /** An LDAP source's settings (never its secret). */
  readonly ldap?: LdapSettings;
}

export interface DirectoryOverview {
  readonly sources: readonly DirectorySource[];
  /** Set when the file found at login could not be read and was kept aside. */
  readonly problem: DirectoryProblem | undefined;
}
