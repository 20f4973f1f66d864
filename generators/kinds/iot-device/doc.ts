import { formatOf, num } from '../doc-words';
import type { DocFacet } from '../types';

/** A device fleet in the document. */
export const iotDeviceDoc: DocFacet = {
  format: formatOf('dataFormat'),
  devices: (c) => ({ count: num(c.props, 'devices') || 1, perMinute: num(c.props, 'messagesPerMinute') }),
};
