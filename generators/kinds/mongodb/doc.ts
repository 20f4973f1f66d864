import type { DocFacet } from '../types';

/** MongoDB in the document. */
export const mongodbDoc: DocFacet = {
  changeLog: 'change streams',
  eventStore: (c) => c.props.eventStore === true,
};
