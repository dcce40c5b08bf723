/**
 * "Me too": before a complaint or a suggestion is filed, find open items of the same type and category near the
 * same place (250 m around a pin, or the same street/neighbourhood named in text, for the same agency) and rank them
 * by how alike the descriptions are. A complaint is only ever matched with complaints, a suggestion with suggestions. What is offered is anonymised: category, place (a distance, a gazetteer place name or the
 * street name, never the filer's typed address), date, status and how many people it concerns; never anyone's
 * text, name or contact.
 */
import type { CategoryId } from '../agencies/types';
import { recordPlaceKeys, type NearbyItem } from '../feedback/nearby';
import type { FeedbackRepository } from '../feedback/repository';
import type { AddSupporterResult } from '../feedback/supporters';
import type { FeedbackLocation, FeedbackStatus, FeedbackSupporter, FeedbackType } from '../feedback/types';
import { distanceKm } from '../routing/geo';
import type { FeedbackChangeListener } from '../status/statusService';
import { textSimilarity } from './textSimilarity';

/** The draft being filed, as far as "me too" needs it. */
export interface MeTooQuery {
  type: FeedbackType;
  category: CategoryId;
  text: string;
  location?: FeedbackLocation | null;
  /** The place found in the description when no location was given. */
  placeFromText?: string;
  agencyId?: string | null;
  citizenKey: string;
}

/** One item offered, in plain data (kept in dialog state: no Date objects). */
export interface MeTooMatch {
  reference: string;
  category: CategoryId;
  status: FeedbackStatus;
  /** ISO date of filing. */
  createdAt: string;
  /** Metres from the citizen's pin (rounded to 10 m), when both have one. */
  distanceM?: number;
  /** A public place name: the gazetteer's name for the pin, or the shared street/neighbourhood. */
  place?: string;
  /** The filer and everyone who added their voice. */
  people: number;
}

/** What the look-up found: the best matches to show and how many people the whole set concerns. */
export interface MeTooFound {
  matches: MeTooMatch[];
  people: number;
}

/** Tuning (defaults: 250 m like FixMyStreet, three items shown). */
export interface MeTooOptions {
  radiusM?: number;
  show?: number;
  /** Told when a voice was added (the item's head count changed), e.g. so its Teams card follows. */
  changes?: FeedbackChangeListener;
}

const CANDIDATES = 20;
/**
 * Kinds a citizen can add their voice to: complaints (a matter someone has to put right) and suggestions (supporting
 * a proposal, as in e-participation). Compliments and questions are personal: nothing to join.
 */
const SUPPORTABLE: readonly FeedbackType[] = ['complaint', 'suggestion'];

/** Whether citizens can support items of this type ("me too"). */
export function isSupportable(type: FeedbackType): boolean {
  return SUPPORTABLE.includes(type);
}

function titleCase(key: string): string {
  return key.replace(/\b[a-z]/g, (c) => c.toUpperCase());
}

/** Finds similar open complaints or suggestions and adds supporters (the dialogs' MeTooPort). */
export class MeTooService {
  private readonly radiusM: number;
  private readonly show: number;
  private readonly changes?: FeedbackChangeListener;

  constructor(
    private readonly repo: Pick<FeedbackRepository, 'nearby' | 'supporters'>,
    opts: MeTooOptions = {},
  ) {
    this.radiusM = opts.radiusM ?? 250;
    this.show = opts.show ?? 3;
    this.changes = opts.changes;
  }

  /** Open items of the draft's type like it, best first (at most `show`), with the number of people they concern. */
  async similar(q: MeTooQuery): Promise<MeTooFound> {
    if (!isSupportable(q.type)) return { matches: [], people: 0 };
    const base = { type: q.type, category: q.category, citizenKey: q.citizenKey, limit: CANDIDATES };
    const point = q.location?.point;
    const keys = recordPlaceKeys(q.location, `${q.text} ${q.placeFromText ?? ''}`);
    const [near, same] = await Promise.all([
      point ? this.repo.nearby.nearPoint({ ...base, point, radiusM: this.radiusM }) : [],
      this.repo.nearby.samePlace({ ...base, keys, agencyId: q.agencyId }),
    ]);
    const byRef = new Map<string, NearbyItem>();
    for (const item of [...near, ...same]) byRef.set(item._id, item);
    const ignore = new Set(keys.flatMap((k) => k.split(' ')));
    const ranked = [...byRef.values()]
      .map((item) => this.toMatch(item, q, keys, textSimilarity(q.text, item.text, ignore)))
      .sort((a, b) => b.score - a.score || (a.match.distanceM ?? 1e9) - (b.match.distanceM ?? 1e9));
    return {
      matches: ranked.slice(0, this.show).map((r) => r.match),
      people: ranked.reduce((n, r) => n + r.match.people, 0),
    };
  }

  private toMatch(
    item: NearbyItem,
    q: MeTooQuery,
    keys: string[],
    score: number,
  ): { match: MeTooMatch; score: number } {
    const mine = q.location?.point?.coordinates;
    const theirs = item.location?.point?.coordinates;
    const distanceM =
      mine && theirs
        ? Math.round(
            (distanceKm({ lng: mine[0], lat: mine[1] }, { lng: theirs[0], lat: theirs[1] }) * 1000) / 10,
          ) * 10
        : undefined;
    const shared = (item.placeKeys ?? [])
      .filter((k) => keys.includes(k))
      .sort((a, b) => b.length - a.length)[0];
    const place = item.location?.place ?? (shared ? titleCase(shared) : undefined);
    return {
      score,
      match: {
        reference: item._id,
        category: item.category,
        status: item.status,
        createdAt: new Date(item.createdAt).toISOString(),
        ...(distanceM !== undefined ? { distanceM } : {}),
        ...(place ? { place } : {}),
        people: 1 + (item.supporterCount ?? 0),
      },
    };
  }

  /** Add the citizen's voice to an item (idempotent; never their own; only while it is open). */
  async addVoice(reference: string, supporter: Omit<FeedbackSupporter, 'at'>): Promise<AddSupporterResult> {
    const result = await this.repo.supporters.add(reference, { ...supporter, at: new Date() });
    if (result.outcome === 'added') this.changes?.feedbackChanged(reference);
    return result;
  }

  /** How many people an item concerns: the filer and its supporters. */
  async people(reference: string): Promise<number> {
    return 1 + (await this.repo.supporters.count(reference));
  }
}
