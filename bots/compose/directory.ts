/**
 * The agency directory as every process reads it: MongoDB `agencies`, seeded from data/bodies + data/delivery.json
 * by the server (buildCore) and, when the worker starts first, by the worker with the same seed. SUARA_AGENCIES_FILE
 * (an old-style JSON array) overrides it for a process that must deliver elsewhere (the fault suite's worker).
 */
import type { Db } from 'mongodb';
import type { Config } from '../../services/config';
import { loadAgencies } from '../../services/agencies/directory';
import { AgencyRepository } from '../../services/agencies/repository';
import type { Agency } from '../../services/agencies/types';
import { getDefaultRouter } from '../../services/routing';

/** What delivery needs from the directory. */
export interface DirectoryReader {
  get(id: string): Promise<Agency | null>;
  list(): Promise<Agency[]>;
}

/** The directory for this process: the database repository, or the SUARA_AGENCIES_FILE override. */
export async function openDirectory(db: Db, config: Config): Promise<DirectoryReader> {
  if (config.SUARA_AGENCIES_FILE) {
    const agencies = loadAgencies(config.SUARA_AGENCIES_FILE);
    const byId = new Map(agencies.map((a) => [a.id, a]));
    return { get: async (id) => byId.get(id) ?? null, list: async () => agencies };
  }
  const repo = new AgencyRepository(db);
  if ((await repo.list()).length === 0) await repo.seed(getDefaultRouter().agencies);
  return repo;
}
