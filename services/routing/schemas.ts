/** zod schemas of the routing data files (data/gazetteer.json, data/routing-rules.json) and their types. */
import { z } from 'zod';
import { CATEGORY_IDS } from '../agencies/types';

/** One gazetteer entry: a neighbourhood, road, landmark or city, with the local authority that covers it. */
export const placeSchema = z
  .object({
    name: z.string().min(1),
    aliases: z.array(z.string().min(1)).optional(),
    kind: z.enum(['city', 'area', 'road', 'landmark']),
    agencyId: z.string().min(1),
    postcode: z
      .string()
      .regex(/^\d{5}$/)
      .optional(),
    lat: z.number().min(-90).max(90),
    lng: z.number().min(-180).max(180),
    /** The name is shared by several authorities; this is only the most likely one. */
    ambiguous: z.boolean().optional(),
  })
  .strict();

/** The gazetteer file. */
export const gazetteerSchema = z
  .object({
    version: z.literal(1),
    /** A shared pin farther than this from every known place (and outside every polygon) resolves to nothing. */
    maxPinDistanceKm: z.number().positive(),
    places: z.array(placeSchema).min(1),
  })
  .strict();

/** One routing rule: categories (optionally limited to places of some authorities) → an agency or the local authority. */
export const routingRuleSchema = z
  .object({
    id: z.string().min(1),
    description: z.string().optional(),
    categories: z.array(z.enum(CATEGORY_IDS)).min(1),
    /** Only for places that belong to these local authorities (agency ids). */
    areas: z.array(z.string().min(1)).optional(),
    /** An agency id, or "local_authority" for the council of the resolved place. */
    to: z.string().min(1),
    /** For "local_authority": with no place, ask for it (default) or try the next rule. */
    whenNoPlace: z.enum(['ask', 'next']).optional(),
  })
  .strict();

/** The routing rules file. First matching rule wins; otherwise the fallback agency; otherwise "unrouted". */
export const routingRulesSchema = z
  .object({
    version: z.literal(1),
    fallbackAgencyId: z.string().min(1).nullable(),
    rules: z.array(routingRuleSchema),
  })
  .strict();

/** A gazetteer entry. */
export type GazetteerPlace = z.infer<typeof placeSchema>;
/** The whole gazetteer. */
export type Gazetteer = z.infer<typeof gazetteerSchema>;
/** One routing rule. */
export type RoutingRule = z.infer<typeof routingRuleSchema>;
/** The whole rules file. */
export type RoutingRules = z.infer<typeof routingRulesSchema>;
