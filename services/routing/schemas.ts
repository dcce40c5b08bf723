/** zod schemas of the routing data files (data/gazetteer.json, data/routing-rules.json) and their types. */
import { z } from 'zod';
import { BODY_KINDS, STATE_IDS } from '../agencies/bodies';
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
    /** Kept for older files; a name shared by two councils is now detected from the data itself. */
    ambiguous: z.boolean().optional(),
  })
  .strict();

/** A short form people type: "JB" → the place "Johor Bahru", "Penang" → the state png. */
export const shortFormSchema = z
  .object({
    form: z.string().min(1),
    place: z.string().min(1).optional(),
    state: z.enum(STATE_IDS).optional(),
  })
  .strict()
  .refine((s) => !!s.place !== !!s.state, 'give exactly one of "place" or "state"');

/** The gazetteer file. */
export const gazetteerSchema = z
  .object({
    version: z.union([z.literal(1), z.literal(2)]),
    /** A shared pin this close to a known place resolves to that place's council (not approximate). */
    maxPinDistanceKm: z.number().positive(),
    /** A pin farther than this from every council seat (and outside every polygon) resolves to nothing. */
    maxSeatDistanceKm: z.number().positive().optional(),
    /** State id → its names (the first is the one we show). */
    states: z.record(z.enum(STATE_IDS), z.array(z.string().min(1)).min(1)).optional(),
    shortForms: z.array(shortFormSchema).optional(),
    places: z.array(placeSchema).min(1),
  })
  .strict();

/** Which body a rule sends to. */
export const targetSchema = z.union([
  /** The council of the place. */
  z.object({ council: z.literal(true) }).strict(),
  /** One body by id (use sparingly: prefer selecting by data). */
  z.object({ id: z.string().min(1) }).strict(),
  /** A body (not a council) the citizen names in the text ("dah lapor TNB", "borang PERKESO") that handles the category. */
  z.object({ named: z.literal(true) }).strict(),
  /** Bodies of these kinds (in order of preference) that handle the category and serve the place. */
  z
    .object({
      kinds: z.array(z.enum(BODY_KINDS)).min(1),
      /** Must list the category in `handles` (default true). */
      handles: z.boolean().optional(),
      /** Tie-break between bodies that fit equally (ids, first wins). */
      prefer: z.array(z.string().min(1)).optional(),
    })
    .strict(),
]);

/** One routing rule: categories → a target. First rule that yields a body wins. */
export const routingRuleSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/),
    /** For maintainers; the citizen sees the locale text `routing:rule.<id>`. */
    description: z.string().min(1),
    categories: z.array(z.enum(CATEGORY_IDS)).min(1),
    to: targetSchema,
    /** The place is unknown (or only its state, for a council): ask for it (default) or try the next rule. */
    whenNoPlace: z.enum(['ask', 'next']).optional(),
    /** The body to use when the target depends on the state and the state is unknown (instead of asking). */
    defaultTo: z.string().min(1).optional(),
    /** Only when the text contains one of these words or phrases ("bas", "LRT", "feri"). */
    whenText: z.array(z.string().min(1)).min(1).optional(),
  })
  .strict();

/** The routing rules file. */
export const routingRulesSchema = z
  .object({
    version: z.literal(2),
    /** Where anything no rule routes goes (e.g. the Public Complaints Bureau); null = explicitly unrouted. */
    fallback: z
      .object({ to: targetSchema, description: z.string().min(1) })
      .strict()
      .nullable(),
    rules: z.array(routingRuleSchema),
  })
  .strict();

/** A gazetteer entry. */
export type GazetteerPlace = z.infer<typeof placeSchema>;
/** The whole gazetteer. */
export type Gazetteer = z.infer<typeof gazetteerSchema>;
/** A rule's target. */
export type RuleTarget = z.infer<typeof targetSchema>;
/** One routing rule. */
export type RoutingRule = z.infer<typeof routingRuleSchema>;
/** The whole rules file. */
export type RoutingRules = z.infer<typeof routingRulesSchema>;
