import type { DocFacet } from '../types';

/** Vault in the document: how it runs in the stack. */
export const vaultDoc: DocFacet = {
  secrets: (c) => (c.props.devMode === true ? 'dev mode in the starter stack (in memory, unsealed: never for production)' : 'file storage, sealed until unsealed by hand'),
};
