/** Reads and validates the routing data files (body directory, gazetteer, rules) synchronously, at start-up. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ZodType } from 'zod';
import { loadDirectory } from '../agencies/loadBodies';
import { RoutingDataError } from './errors';
import { Router } from './router';
import { gazetteerSchema, routingRulesSchema, type Gazetteer, type RoutingRules } from './schemas';

/** Default data directory: <repo>/data. */
export const DEFAULT_DATA_DIR = join(__dirname, '..', '..', 'data');

/** Reads one JSON file and validates it; errors name the file and the field. */
export function readDataFile<T>(path: string, schema: ZodType<T>): T {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new RoutingDataError(`cannot read ${path}: ${(err as Error).message}`);
  }
  const result = schema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new RoutingDataError(`${path}: field "${issue.path.join('.') || '(root)'}": ${issue.message}`);
  }
  return result.data;
}

/** Reads data/gazetteer.json (or another directory's). */
export function loadGazetteer(dir = DEFAULT_DATA_DIR): Gazetteer {
  return readDataFile(join(dir, 'gazetteer.json'), gazetteerSchema);
}

/** Reads data/routing-rules.json (or another directory's). */
export function loadRoutingRules(dir = DEFAULT_DATA_DIR): RoutingRules {
  return readDataFile(join(dir, 'routing-rules.json'), routingRulesSchema);
}

/** Builds a Router from a data directory (bodies/, delivery.json, renamed-ids.json, gazetteer.json, routing-rules.json). */
export function loadRouter(dir = DEFAULT_DATA_DIR): Router {
  return new Router(loadDirectory(dir), loadGazetteer(dir), loadRoutingRules(dir));
}
