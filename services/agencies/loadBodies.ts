/**
 * Loads the body directory: every JSON file under data/bodies/ (each an array of bodies), data/delivery.json
 * (endpoints; a body not listed there uses the default, the Suara inbox) and data/renamed-ids.json (retired ids →
 * their successor). Validation collects every problem with the file, the body id and the field.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { z } from 'zod';
import { bodySchema, type Body } from './bodies';
import { councilCategories } from './councils';
import { AgencyDirectoryError, deliveryEndpointSchema } from './directory';
import type { Agency, AgencyLevel, DeliveryEndpoint } from './types';

/** Where a body without a delivery.json entry receives feedback: the Suara inbox. */
export const DEFAULT_ENDPOINT: DeliveryEndpoint = { kind: 'inbox' };

/** The whole directory, validated. */
export interface Directory {
  bodies: Body[];
  /** The same bodies as `Agency` records (level, categories and endpoint derived). */
  agencies: Agency[];
  /** Retired id → the id of the body that took over. */
  renamed: Record<string, string>;
  /** Body id → the file it came from (relative to the data directory). */
  fileOf: Map<string, string>;
}

/** A validation result: bodies that passed, and one readable line per problem. */
export interface BodiesCheck {
  bodies: Body[];
  fileOf: Map<string, string>;
  errors: string[];
}

function jsonFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...jsonFiles(path));
    else if (name.endsWith('.json')) out.push(path);
  }
  return out;
}

function label(raw: unknown, index: number): string {
  const id = raw && typeof raw === 'object' ? (raw as { id?: unknown }).id : undefined;
  return typeof id === 'string' && id ? `body "${id}" (#${index})` : `body #${index}`;
}

/** Validates every body file under `dir`; never throws for bad content (see `errors`). */
export function checkBodies(dir: string, base = join(dir, '..')): BodiesCheck {
  const bodies: Body[] = [];
  const fileOf = new Map<string, string>();
  const errors: string[] = [];
  let files: string[];
  try {
    files = jsonFiles(dir);
  } catch (err) {
    return { bodies, fileOf, errors: [`cannot read ${dir}: ${(err as Error).message}`] };
  }
  for (const path of files) {
    const file = relative(base, path);
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(path, 'utf8'));
    } catch (err) {
      errors.push(`${file}: not valid JSON: ${(err as Error).message}`);
      continue;
    }
    if (!Array.isArray(data)) {
      errors.push(`${file}: expected a JSON array of bodies`);
      continue;
    }
    data.forEach((raw, index) => {
      const result = bodySchema.safeParse(raw);
      if (!result.success) {
        for (const issue of result.error.issues.slice(0, 5)) {
          const field = issue.path.length ? issue.path.join('.') : '(body)';
          errors.push(`${file}: ${label(raw, index)}: field "${field}": ${issue.message}`);
        }
        return;
      }
      const body = result.data;
      const earlier = fileOf.get(body.id);
      if (earlier) {
        errors.push(`${file}: ${label(raw, index)}: duplicate id (also in ${earlier})`);
        return;
      }
      fileOf.set(body.id, file);
      bodies.push(body);
    });
  }
  const ids = new Set(bodies.map((b) => b.id));
  for (const b of bodies) {
    for (const ref of [b.parent, ...(b.serves?.exceptAreas ?? [])]) {
      if (ref && !ids.has(ref)) errors.push(`${fileOf.get(b.id)}: body "${b.id}": unknown body "${ref}"`);
    }
  }
  return { bodies, fileOf, errors };
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new AgencyDirectoryError(`cannot read ${path}: ${(err as Error).message}`);
  }
}

/** Reads data/delivery.json: body id → endpoint (validated; unknown ids are errors). */
export function loadDelivery(path: string, ids: Set<string>): Record<string, DeliveryEndpoint> {
  const result = z.record(z.string(), deliveryEndpointSchema).safeParse(readJson(path));
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new AgencyDirectoryError(`${path}: field "${issue.path.join('.')}": ${issue.message}`);
  }
  for (const id of Object.keys(result.data)) {
    if (!ids.has(id)) throw new AgencyDirectoryError(`${path}: "${id}" is not a body in data/bodies`);
  }
  return result.data as Record<string, DeliveryEndpoint>;
}

/** Reads data/renamed-ids.json: retired id → successor id (which must exist). */
export function loadRenamed(path: string, ids: Set<string>): Record<string, string> {
  const result = z.record(z.string(), z.string()).safeParse(readJson(path));
  if (!result.success) throw new AgencyDirectoryError(`${path}: expected {"oldId": "newId"}`);
  for (const [from, to] of Object.entries(result.data)) {
    if (!ids.has(to)) throw new AgencyDirectoryError(`${path}: "${from}" → "${to}": no such body`);
    if (ids.has(from))
      throw new AgencyDirectoryError(`${path}: "${from}" is still a body; it cannot be renamed`);
  }
  return result.data;
}

const LEVEL: Record<Body['kind'], AgencyLevel> = {
  ministry: 'federal',
  federal_agency: 'federal',
  state_office: 'state',
  local_authority: 'local',
  utility: 'state',
};

/** One body as an `Agency` (the shape delivery, dashboard, staff and Open311 use). */
export function toAgency(body: Body, all: Body[], endpoint: DeliveryEndpoint): Agency {
  const categories =
    body.kind === 'local_authority' ? councilCategories(all, body) : [...(body.handles ?? [])];
  const area = body.area
    ? {
        ...(body.area.postcodes ? { postcodes: body.area.postcodes } : {}),
        ...(body.area.postTowns ? { postTowns: body.area.postTowns } : {}),
        ...(body.area.places ? { places: body.area.places } : {}),
        ...(body.state ? { state: body.state } : {}),
        ...(body.area.polygons ? { polygons: body.area.polygons } : {}),
      }
    : undefined;
  return {
    id: body.id,
    name: body.name,
    ...(body.shortName ? { shortName: body.shortName } : {}),
    level: LEVEL[body.kind],
    categories: categories.length ? categories : ['other'],
    kind: body.kind,
    ...(body.state ? { state: body.state } : {}),
    ...(body.aliases?.length ? { aliases: body.aliases } : {}),
    ...(body.contact ? { contact: body.contact } : {}),
    ...(area ? { area } : {}),
    ...(body.contact?.url && /^https?:\/\//.test(body.contact.url)
      ? { eParticipationUrl: body.contact.url }
      : {}),
    endpoint,
  };
}

/**
 * Loads and validates the directory under a data directory (bodies in `bodiesDir`, default <dataDir>/bodies);
 * throws an AgencyDirectoryError listing the problems (file, body id, field).
 */
export function loadDirectory(dataDir: string, bodiesDir = join(dataDir, 'bodies')): Directory {
  const check = checkBodies(bodiesDir, dataDir);
  if (check.errors.length) {
    const more = check.errors.length > 10 ? `\n… and ${check.errors.length - 10} more` : '';
    throw new AgencyDirectoryError(
      `the body directory has ${check.errors.length} problem(s):\n${check.errors.slice(0, 10).join('\n')}${more}`,
    );
  }
  if (!check.bodies.length) throw new AgencyDirectoryError(`no bodies found under ${bodiesDir}`);
  const ids = new Set(check.bodies.map((b) => b.id));
  const delivery = loadDelivery(join(dataDir, 'delivery.json'), ids);
  const renamed = loadRenamed(join(dataDir, 'renamed-ids.json'), ids);
  const agencies = check.bodies.map((b) => toAgency(b, check.bodies, delivery[b.id] ?? DEFAULT_ENDPOINT));
  return { bodies: check.bodies, agencies, renamed, fileOf: check.fileOf };
}
