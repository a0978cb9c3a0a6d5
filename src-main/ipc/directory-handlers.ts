import type { MethodChannel } from '../../src-preload/contract';
import type { DirectoryService } from '../directory/directory-service';
import { previewCsv } from '../directory/sources/csv';
import { OperatorError, type Handlers } from './gatekeeper';

type DirectoryChannel = Extract<MethodChannel, `directory:${string}`>;

/** The `directory:` methods: plain data in, plain data out, every result bounded. */
export function directoryHandlers(directory: DirectoryService): Pick<Handlers, DirectoryChannel> {
  return {
    'directory:overview': () => directory.overview(),
    'directory:search': ({ query, limit, offset }) => directory.search(query, limit, offset),
    'directory:lookup': ({ number }) => directory.lookup(number),
    'directory:previewCsv': ({ text }) => {
      const preview = previewCsv(text);
      if ('error' in preview) throw new OperatorError('importRefused', preview.error);
      return preview;
    },
    'directory:importCsv': ({ fileName, text, mapping }) => directory.importCsv(fileName, text, mapping),
    'directory:importVcard': ({ fileName, text }) => directory.importVcard(fileName, text),
    'directory:removeSource': ({ id }) => directory.removeSource(id),
    'directory:saveLdap': ({ id, settings, secret }) => directory.saveLdap(settings, secret, id),
    'directory:refreshLdap': ({ id }) => directory.refreshLdap(id),
  };
}
