/** Integrators allowed to file through our Open311 server: `data/integrators.json` names the env var of each api key. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { timingSafeEqual, createHash } from 'node:crypto';
import { z } from 'zod';
import type { Env } from '../config';

/** One integrator (FixMyStreet instance, a council app...). */
export interface Integrator {
  id: string;
  name: string;
  apiKeyEnv: string;
  /** Agencies (jurisdiction) whose requests this integrator may read in full, beyond the ones it filed. */
  agencies?: string[];
}

const schema = z.array(
  z
    .object({
      id: z.string().regex(/^[a-z][a-z0-9_-]*$/),
      name: z.string().min(1),
      apiKeyEnv: z.string().regex(/^[A-Z][A-Z0-9_]*$/),
      agencies: z.array(z.string().regex(/^[a-z][a-z0-9_-]*$/)).optional(),
    })
    .strict(),
);

/** Default location of the integrators file. */
export const DEFAULT_INTEGRATORS_PATH = join(__dirname, '..', '..', 'data', 'integrators.json');

/** Read and validate the integrators file (start-up only). */
export function loadIntegrators(path = DEFAULT_INTEGRATORS_PATH): Integrator[] {
  return schema.parse(JSON.parse(readFileSync(path, 'utf8')));
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Looks an api key up among the integrators whose env var is set. Constant-time per key. */
export class IntegratorKeys {
  constructor(
    private readonly integrators: Integrator[],
    private readonly env: Env,
  ) {}

  /** The integrator owning `apiKey`, or null. */
  identify(apiKey: string | null | undefined): Integrator | null {
    if (!apiKey) return null;
    const given = digest(apiKey);
    let found: Integrator | null = null;
    for (const i of this.integrators) {
      const key = this.env[i.apiKeyEnv];
      if (key && timingSafeEqual(digest(key), given)) found = i;
    }
    return found;
  }
}
