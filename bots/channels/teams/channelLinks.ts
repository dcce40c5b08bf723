/**
 * MongoDB `teamsChannelLinks`: which Teams channel gets a body's new feedback as cards. One channel per body (the
 * `_id` is the body's id) and one body per channel (a unique index on the channel), so a channel linked by DBKL
 * never shows MBPJ's items. Written only by the `link` / `unlink` commands of an officer of that body (or an admin).
 */
import type { Collection, Db } from 'mongodb';
import type { Language } from '../../../services/feedback/types';

/** Where to post in Teams: what a proactive message needs (no user, no message text). */
export interface ChannelAddress {
  /** The Bot Framework service URL of the tenant's region. */
  serviceUrl: string;
  /** The Teams channel id (`19:…@thread.tacv2`). */
  teamsChannelId: string;
  tenantId?: string;
  /** The bot's own id in that conversation (`28:…`). */
  botId: string;
}

/** One stored link. */
export interface TeamsChannelLink {
  /** The body's id. */
  _id: string;
  /** `<tenant>/<teams channel id>`: unique, so a channel serves one body. */
  channelKey: string;
  address: ChannelAddress;
  /** The language cards are written in (the linking officer's Teams language). */
  language: Language;
  /** Staff id of who linked it. */
  linkedBy: string;
  linkedAt: Date;
}

/** What `link` did. */
export type LinkOutcome = { ok: true } | { ok: false; takenBy: string };

const DUPLICATE_KEY = 11000;

/** The key of a Teams channel. */
export function channelKeyOf(address: Pick<ChannelAddress, 'tenantId' | 'teamsChannelId'>): string {
  return `${address.tenantId ?? '-'}/${address.teamsChannelId}`;
}

/** Links between bodies and Teams channels. */
export class TeamsChannelLinks {
  private readonly col: Collection<TeamsChannelLink>;

  constructor(db: Db) {
    this.col = db.collection<TeamsChannelLink>('teamsChannelLinks');
  }

  /** One body per channel (idempotent). */
  async ensureIndexes(): Promise<void> {
    await this.col.createIndex({ channelKey: 1 }, { unique: true, name: 'teams_channel_unique' });
  }

  /**
   * Link `agencyId` to this channel (replacing the body's previous channel). Refused when the channel already
   * serves another body.
   */
  async link(
    agencyId: string,
    address: ChannelAddress,
    by: { staffId: string; language: Language },
    now = new Date(),
  ): Promise<LinkOutcome> {
    const channelKey = channelKeyOf(address);
    const other = await this.col.findOne({ channelKey, _id: { $ne: agencyId } }, { projection: { _id: 1 } });
    if (other) return { ok: false, takenBy: other._id };
    const doc = { channelKey, address, language: by.language, linkedBy: by.staffId, linkedAt: now };
    try {
      await this.col.replaceOne({ _id: agencyId }, doc, { upsert: true });
    } catch (e) {
      if ((e as { code?: number }).code !== DUPLICATE_KEY) throw e;
      const taken = await this.col.findOne({ channelKey }, { projection: { _id: 1 } });
      return { ok: false, takenBy: taken?._id ?? '-' };
    }
    return { ok: true };
  }

  /** Stop posting the body's items; true when it had a channel. */
  async unlink(agencyId: string): Promise<boolean> {
    return (await this.col.deleteOne({ _id: agencyId })).deletedCount === 1;
  }

  /** The body's channel, or null. */
  async forAgency(agencyId: string): Promise<TeamsChannelLink | null> {
    return this.col.findOne({ _id: agencyId });
  }

  /** The body a channel serves, or null. */
  async byChannel(address: Pick<ChannelAddress, 'tenantId' | 'teamsChannelId'>): Promise<string | null> {
    return (
      (await this.col.findOne({ channelKey: channelKeyOf(address) }, { projection: { _id: 1 } }))?._id ?? null
    );
  }

  /** Every link (one per body that has one). */
  async all(): Promise<TeamsChannelLink[]> {
    return this.col.find({}).toArray();
  }
}
