/** Web chat tenants (city-hall sites): the zod schema for data/sites.json and the stored shape. */
import { z } from 'zod';

const origin = z
  .string()
  .regex(/^https?:\/\/[A-Za-z0-9.-]+(:(\d{1,5}|\$\{PORT\}))?$/, 'an origin is scheme://host[:port], no path');

/** One site as written in data/sites.json. */
export const siteSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lowercase letters, digits and dashes'),
    name: z.object({ en: z.string().min(1).max(120), ms: z.string().min(1).max(120) }),
    allowedOrigins: z.array(origin).max(50),
    /** Name of the environment variable holding this site's backend secret (never the secret itself). */
    secretEnv: z
      .string()
      .regex(/^[A-Z][A-Z0-9_]{2,63}$/)
      .optional(),
    theme: z
      .object({
        primary: z.string().regex(/^#[0-9a-fA-F]{6}$/),
        logoUrl: z.string().url().nullable().default(null),
      })
      .default({ primary: '#0b5394', logoUrl: null }),
    defaultLanguage: z.enum(['en', 'ms']).default('ms'),
    defaultAgencyId: z.string().min(1).max(80).nullable().default(null),
    /** Area assumed when the citizen names only a street (e.g. "Kuala Lumpur"). */
    defaultArea: z.string().min(1).max(200).nullable().default(null),
  })
  .strict();

/** The seed file. */
export const sitesFileSchema = z.object({
  $comment: z.string().optional(),
  sites: z
    .array(siteSchema)
    .min(1)
    .refine((s) => new Set(s.map((x) => x.id)).size === s.length, 'site ids must be unique'),
});

/** A validated site (tenant). */
export type Site = z.infer<typeof siteSchema>;

/** What the public widget may learn about a site (no origins, no secret names). */
export interface PublicSite {
  id: string;
  name: { en: string; ms: string };
  theme: { primary: string; logoUrl: string | null };
  defaultLanguage: 'en' | 'ms';
}

/** The part of a site the bot sees on every inbound activity (`channelData.suara.site`). */
export interface SiteContext {
  id: string;
  defaultAgencyId: string | null;
  defaultArea: string | null;
}

/** Strip a site down to what a browser may see. */
export function publicSite(site: Site): PublicSite {
  return { id: site.id, name: site.name, theme: site.theme, defaultLanguage: site.defaultLanguage };
}

/** Strip a site down to what the bot needs. */
export function siteContext(site: Site): SiteContext {
  return { id: site.id, defaultAgencyId: site.defaultAgencyId, defaultArea: site.defaultArea };
}
