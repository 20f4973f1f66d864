import { formatOf, num, str } from '../doc-words';
import type { DocFacet } from '../types';

/** An SFTP server in the document: file format, file encryption, archiving. */
export const sftpServerDoc: DocFacet = {
  files: {
    format: formatOf('fileFormat'),
    encryption: (c) => ({ pgp: 'PGP', 'aes-256': 'AES-256' } as Record<string, string>)[str(c.props, 'encryption')],
    archiveDays: (c) => num(c.props, 'archiveDays'),
  },
};
