/** The body directory format (data/bodies/**.json): zod schema and types, as agreed in the routing contract. */
import { z } from 'zod';
import { CATEGORY_IDS } from './types';

/** State and federal-territory ids used everywhere (lower case). */
export const STATE_IDS = [
  'jhr',
  'kdh',
  'ktn',
  'mlk',
  'nsn',
  'phg',
  'prk',
  'pls',
  'png',
  'sbh',
  'swk',
  'sgr',
  'trg',
  'kul',
  'pjy',
  'lbn',
] as const;

/** One state or federal-territory id. */
export type StateId = (typeof STATE_IDS)[number];

/** Kinds of bodies. */
export const BODY_KINDS = [
  'ministry',
  'federal_agency',
  'state_office',
  'local_authority',
  'utility',
] as const;

/** One kind of body. */
export type BodyKind = (typeof BODY_KINDS)[number];

const postcodeSpec = z.string().regex(/^\d{5}(-\d{5})?$/, 'must be "NNNNN" or "NNNNN-NNNNN"');
const stateId = z.enum(STATE_IDS);
const bodyId = z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be lower-case letters, digits or -');

/** A GeoJSON polygon ([lng, lat] rings). */
export const polygonSchema = z
  .object({
    type: z.literal('Polygon'),
    coordinates: z.array(z.array(z.array(z.number()).length(2)).min(4)).min(1),
  })
  .strict();

const seatSchema = z
  .object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) })
  .strict();

/** zod schema of one body. */
export const bodySchema = z
  .object({
    id: bodyId,
    kind: z.enum(BODY_KINDS),
    type: z
      .enum(['city_hall', 'city_council', 'municipal_council', 'district_council', 'corporation', 'other'])
      .optional(),
    name: z.object({ en: z.string().min(1), ms: z.string().min(1) }).strict(),
    shortName: z.string().min(1).optional(),
    aliases: z.array(z.string().min(1)).optional(),
    state: stateId.optional(),
    parent: bodyId.optional(),
    handles: z.array(z.enum(CATEGORY_IDS)).optional(),
    serves: z
      .object({ states: z.array(stateId).min(1).optional(), exceptAreas: z.array(bodyId).optional() })
      .strict()
      .optional(),
    seat: seatSchema.optional(),
    area: z
      .object({
        postTowns: z.array(z.string().min(1)).optional(),
        postcodes: z.array(postcodeSpec).optional(),
        places: z.array(z.string().min(1)).optional(),
        polygons: z.array(polygonSchema).optional(),
      })
      .strict()
      .optional(),
    contact: z
      .object({
        url: z.string().url().optional(),
        email: z.string().email().optional(),
        phone: z.string().min(3).optional(),
      })
      .strict()
      .optional(),
    source: z.string().min(1).optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.kind === 'local_authority') {
      if (!b.state)
        ctx.addIssue({ code: 'custom', path: ['state'], message: 'required for a local authority' });
      if (!b.seat)
        ctx.addIssue({ code: 'custom', path: ['seat'], message: 'required for a local authority' });
      if (!b.type)
        ctx.addIssue({ code: 'custom', path: ['type'], message: 'required for a local authority' });
    } else if (b.area) {
      ctx.addIssue({ code: 'custom', path: ['area'], message: 'only local authorities have an area' });
    }
    if (b.kind === 'state_office' && !b.state)
      ctx.addIssue({ code: 'custom', path: ['state'], message: 'required for a state office' });
    for (const [i, spec] of (b.area?.postcodes ?? []).entries()) {
      const [from, to] = spec.split('-');
      if (to !== undefined && Number(to) < Number(from))
        ctx.addIssue({
          code: 'custom',
          path: ['area', 'postcodes', i],
          message: `range ${spec} is reversed`,
        });
    }
  });

/** One body of the directory (ministry, federal agency, state office, local authority or utility). */
export type Body = z.infer<typeof bodySchema>;
