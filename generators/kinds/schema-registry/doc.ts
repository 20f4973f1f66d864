import { formatName, str } from '../doc-words';
import type { DocFacet } from '../types';

/** A schema registry in the document: schema format and compatibility rule. */
export const schemaRegistryDoc: DocFacet = {
  format: (c) => formatName(str(c.props, 'format') || 'AVRO'),
  schemas: {
    format: (c) => formatName(str(c.props, 'format') || 'AVRO') ?? 'Avro',
    compatibility: (c) => (str(c.props, 'compatibility') || 'BACKWARD').toLowerCase().replace('_', ' '),
  },
};
