/**
 * The agency directory: data/bodies/** (one entry per body) + data/delivery.json (endpoints), as `Agency` records for
 * delivery, dashboard, staff and routing. An old-style agencies file (a JSON array of agencies) still loads, for tools
 * and tests that pass one with SUARA_AGENCIES_FILE.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { endpointUrlSchema } from '../delivery/selfUrl';
import { loadDirectory } from './loadBodies';
import { CATEGORY_IDS, type Agency } from './types';

/** Thrown when the directory file is missing, not JSON, or fails validation; `message` names agency and field. */
export class AgencyDirectoryError extends Error {
  /** Stable error code. */
  readonly code = 'AGENCY_DIRECTORY_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'AgencyDirectoryError';
  }
}

const categoryId = z.enum(CATEGORY_IDS);
const envName = z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'must be an UPPER_SNAKE environment variable name');
const httpUrl = z
  .string()
  .url()
  .refine((u) => /^https?:\/\//.test(u), 'must be an http(s) URL');
/** A plain mailbox address (no display name, no list): what an SMTP RCPT TO takes. */
const emailAddress = z
  .string()
  .max(254)
  .regex(
    /^[^\s@<>,;"()[\]]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/,
    'must be an email address like aduan@mbpp.gov.my',
  );
const postcodeSpec = z.string().regex(/^\d{5}(-\d{5})?$/, 'must be "NNNNN" or "NNNNN-NNNNN"');

/** zod schema of one delivery endpoint (mirrors DeliveryEndpoint). */
export const deliveryEndpointSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('webhook'), url: endpointUrlSchema, secretEnv: envName }).strict(),
  z
    .object({
      kind: z.literal('open311'),
      url: endpointUrlSchema,
      apiKeyEnv: envName,
      jurisdictionId: z.string().min(1).optional(),
      serviceCodes: z.record(categoryId, z.string().min(1)),
    })
    .strict(),
  z
    .object({
      kind: z.literal('email'),
      to: z.array(emailAddress).min(1).max(20),
      cc: z.array(emailAddress).max(20).optional(),
      language: z.enum(['ms', 'en']).optional(),
    })
    .strict(),
  z.object({ kind: z.literal('inbox') }).strict(),
  z.object({ kind: z.literal('none') }).strict(),
]);

const polygonSchema = z
  .object({
    type: z.literal('Polygon'),
    coordinates: z.array(z.array(z.array(z.number()).length(2)).min(4)).min(1),
  })
  .strict();

/** zod schema of one agency (mirrors Agency in ./types). */
export const agencySchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_-]*$/, 'must be lower-case letters, digits, - or _'),
    name: z.object({ en: z.string().min(1), ms: z.string().min(1) }).strict(),
    shortName: z.string().min(1).optional(),
    level: z.enum(['federal', 'state', 'local']),
    categories: z.array(categoryId).min(1),
    area: z
      .object({
        postcodes: z.array(postcodeSpec).optional(),
        postTowns: z.array(z.string().min(1)).optional(),
        places: z.array(z.string().min(1)).optional(),
        state: z.string().min(1).optional(),
        polygons: z.array(polygonSchema).optional(),
      })
      .strict()
      .optional(),
    kind: z.enum(['ministry', 'federal_agency', 'state_office', 'local_authority', 'utility']).optional(),
    state: z.string().min(1).optional(),
    aliases: z.array(z.string().min(1)).optional(),
    contact: z
      .object({ url: z.string().optional(), email: z.string().optional(), phone: z.string().optional() })
      .strict()
      .optional(),
    eParticipationUrl: httpUrl.optional(),
    endpoint: deliveryEndpointSchema,
    categoryEndpoints: z.record(categoryId, deliveryEndpointSchema).optional(),
  })
  .strict();

/** Validates parsed JSON as a list of agencies; throws AgencyDirectoryError naming the agency and the field. */
export function parseAgencies(data: unknown, source = 'agencies.json'): Agency[] {
  if (!Array.isArray(data)) throw new AgencyDirectoryError(`${source}: expected a JSON array of agencies`);
  const seen = new Set<string>();
  return data.map((raw, index) => {
    const result = agencySchema.safeParse(raw);
    const label = describe(raw, index);
    if (!result.success) {
      const issue = result.error.issues[0];
      const field = issue.path.length ? issue.path.join('.') : '(agency)';
      throw new AgencyDirectoryError(`${source}: agency ${label}: field "${field}": ${issue.message}`);
    }
    const agency = result.data as Agency;
    if (seen.has(agency.id)) throw new AgencyDirectoryError(`${source}: agency ${label}: duplicate id`);
    seen.add(agency.id);
    for (const spec of agency.area?.postcodes ?? []) {
      const [from, to] = spec.split('-');
      if (to !== undefined && Number(to) < Number(from)) {
        throw new AgencyDirectoryError(
          `${source}: agency ${label}: field "area.postcodes": range ${spec} is reversed`,
        );
      }
    }
    return agency;
  });
}

function describe(raw: unknown, index: number): string {
  const id = raw && typeof raw === 'object' ? (raw as { id?: unknown }).id : undefined;
  return typeof id === 'string' && id ? `"${id}" (#${index})` : `#${index}`;
}

/** Default location of the directory: <repo>/data/bodies (with data/delivery.json beside it). */
export const DEFAULT_AGENCIES_PATH = join(__dirname, '..', '..', 'data', 'bodies');

/**
 * Reads and validates the directory synchronously (start-up only): a directory of body files (the default), or an
 * old-style JSON array of agencies.
 */
export function loadAgencies(path = DEFAULT_AGENCIES_PATH): Agency[] {
  let isDir = false;
  try {
    isDir = statSync(path).isDirectory();
  } catch (err) {
    throw new AgencyDirectoryError(`cannot read agency directory ${path}: ${(err as Error).message}`);
  }
  if (isDir) return loadDirectory(join(path, '..'), path).agencies;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new AgencyDirectoryError(`cannot read agency directory ${path}: ${(err as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new AgencyDirectoryError(`agency directory ${path} is not valid JSON: ${(err as Error).message}`);
  }
  return parseAgencies(data, path);
}
