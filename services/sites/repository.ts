/** Sites (web chat tenants) in MongoDB `sites`, seeded from data/sites.json, read through a short cache. */
import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Collection, Db } from 'mongodb';
import { type Site, siteSchema, sitesFileSchema } from './schema';
import type { Env } from '../config';

interface SiteDoc extends Omit<Site, 'id'> {
  _id: string;
  updatedAt: Date;
}

/** The seed file failed validation; the message names the field, never a secret. */
export class SitesSeedError extends Error {
  readonly code = 'SITES_SEED_INVALID';
}

/** Parse and validate a sites seed file, replacing `${PORT}` in origins. */
export function loadSitesFile(path: string, port: number): Site[] {
  const raw: unknown = JSON.parse(readFileSync(path, 'utf8'));
  const parsed = sitesFileSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new SitesSeedError(`Invalid ${path}: ${problems}`);
  }
  return parsed.data.sites.map((s) => ({
    ...s,
    allowedOrigins: s.allowedOrigins.map((o) => o.replace('${PORT}', String(port))),
  }));
}

function sha256(s: string): Buffer {
  return createHash('sha256').update(s, 'utf8').digest();
}

/** Reads and seeds sites. Sites change rarely, so reads are cached for `cacheMs` (default 30 s). */
export class SitesRepository {
  private readonly col: Collection<SiteDoc>;
  private cache: { at: number; sites: Map<string, Site> } | null = null;
  /** The seed sites, by id: a seed site missing from the database (MongoDB restarted empty) is written back on read. */
  private readonly seeds = new Map<string, Site>();

  constructor(
    db: Db,
    private readonly env: Env,
    private readonly cacheMs = 30_000,
  ) {
    this.col = db.collection<SiteDoc>('sites');
  }

  /** Upsert every seed site (the seed file is the source of truth for the sites it names). */
  async seed(sites: Site[]): Promise<void> {
    const now = new Date();
    for (const site of sites) {
      this.seeds.set(site.id, site);
      const { id, ...rest } = site;
      await this.col.replaceOne({ _id: id }, { ...rest, updatedAt: now }, { upsert: true });
    }
    this.cache = null;
  }

  /** All sites, from cache when fresh. */
  async all(): Promise<Map<string, Site>> {
    if (this.cache && Date.now() - this.cache.at < this.cacheMs) return this.cache.sites;
    const docs = await this.col.find({}).toArray();
    const sites = new Map<string, Site>();
    for (const { _id, updatedAt: _u, ...rest } of docs) {
      const parsed = siteSchema.safeParse({ id: _id, ...rest });
      if (parsed.success) sites.set(_id, parsed.data);
    }
    this.cache = { at: Date.now(), sites };
    return sites;
  }

  /** One site by id, or null. A seed site the database lost is re-seeded (idempotent upsert) and returned. */
  async get(id: string): Promise<Site | null> {
    const found = (await this.all()).get(id);
    if (found) return found;
    const seed = this.seeds.get(id);
    if (!seed) return null;
    this.cache = null;
    if ((await this.all()).has(id)) return seed;
    const { id: _id, ...rest } = seed;
    await this.col.replaceOne({ _id: id }, { ...rest, updatedAt: new Date() }, { upsert: true });
    this.cache = null;
    return seed;
  }

  /** True when `origin` is allowed by at least one site (used for CORS preflight, before a token is known). */
  async isAnyOriginAllowed(origin: string): Promise<boolean> {
    for (const site of (await this.all()).values()) if (site.allowedOrigins.includes(origin)) return true;
    return false;
  }

  /** The site whose backend secret (from the env var it names) equals `secret`, or null. Constant-time compare. */
  async findBySecret(secret: string): Promise<Site | null> {
    const given = sha256(secret);
    for (const site of (await this.all()).values()) {
      const expected = site.secretEnv ? this.env[site.secretEnv] : undefined;
      if (expected && expected.length >= 16 && timingSafeEqual(sha256(expected), given)) return site;
    }
    return null;
  }
}
