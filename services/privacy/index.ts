/** PDPA 2010: a citizen's access to and erasure of their data (see citizenData.ts). */
export { CitizenData, type CitizenDataStores, type CitizenExport } from './citizenData';
export { ExportLinkStore, EXPORT_PATH, EXPORT_TOKEN_PATTERN } from './exportLinkStore';
export type { Citizen, CitizenRef, CitizenSummary, ErasureReport, Retention } from './types';
