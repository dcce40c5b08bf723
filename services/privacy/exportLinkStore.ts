/**
 * One-time download links for a citizen's data, in MongoDB `privacyExports`. Only the SHA-256 of the token is
 * stored (32 random bytes, so no salt or slow hash is needed) with who it is for and when it expires; taking a link
 * deletes it in the same operation, so it works once. A TTL index removes links nobody used.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Collection, Db } from 'mongodb';
import type { CitizenRef } from './types';

/** The shape of a token on the wire (43 base64url characters). */
export const EXPORT_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** Where a link points: `<public base URL><EXPORT_PATH>/<token>`. */
export const EXPORT_PATH = '/privacy/export';

const LINK_IN_TEXT = new RegExp(`${EXPORT_PATH}/[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])`, 'g');

/**
 * Text with every download link's token replaced by "…": for what is kept and shown to others (the transcript staff
 * can read), since the token is the key to a citizen's data until it is used or expires.
 */
export function redactExportLinks(text: string): string {
  return text.replace(LINK_IN_TEXT, `${EXPORT_PATH}/…`);
}

interface ExportLinkDoc {
  _id: string;
  citizenKey: string;
  citizen: CitizenRef;
  createdAt: Date;
  expiresAt: Date;
}

function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Issues, takes (once) and erases export links. */
export class ExportLinkStore {
  private readonly col: Collection<ExportLinkDoc>;

  constructor(
    db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.col = db.collection<ExportLinkDoc>('privacyExports');
  }

  /** TTL and look-up indexes (idempotent). */
  async ensureIndexes(): Promise<void> {
    await this.col.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0, name: 'expires_ttl' });
    await this.col.createIndex({ citizenKey: 1 }, { name: 'citizen' });
  }

  /** A new link for `citizen`, valid for `minutes`; returns the token (never stored) and its expiry. */
  async issue(
    citizenKey: string,
    citizen: CitizenRef,
    minutes: number,
  ): Promise<{ token: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const createdAt = this.now();
    const expiresAt = new Date(createdAt.getTime() + minutes * 60_000);
    const { channelId, userId, conversationId } = citizen;
    await this.col.insertOne({
      _id: hashToken(token),
      citizenKey,
      citizen: { channelId, userId, conversationId },
      createdAt,
      expiresAt,
    });
    return { token, expiresAt };
  }

  /** Use a link: who it was for, once, while it has not expired; null otherwise (unknown, used or expired). */
  async take(token: string): Promise<{ citizenKey: string; citizen: CitizenRef } | null> {
    if (!EXPORT_TOKEN_PATTERN.test(token)) return null;
    const doc = await this.col.findOneAndDelete({ _id: hashToken(token), expiresAt: { $gt: this.now() } });
    return doc ? { citizenKey: doc.citizenKey, citizen: doc.citizen } : null;
  }

  /** Whether a link is still usable (without using it). */
  async isLive(token: string): Promise<boolean> {
    if (!EXPORT_TOKEN_PATTERN.test(token)) return false;
    return (await this.col.countDocuments({ _id: hashToken(token), expiresAt: { $gt: this.now() } })) > 0;
  }

  /** PDPA access: the citizen's unused links (who they were for and when; never the token or its hash). */
  async exportCitizen(
    citizenKey: string,
  ): Promise<{ citizenKey: string; citizen: CitizenRef; createdAt: Date; expiresAt: Date }[]> {
    const docs = await this.col.find({ citizenKey }).toArray();
    return docs.map((d) => ({
      citizenKey: d.citizenKey,
      citizen: d.citizen,
      createdAt: d.createdAt,
      expiresAt: d.expiresAt,
    }));
  }

  /** PDPA erasure: drop the citizen's unused links. */
  async eraseCitizen(citizenKey: string): Promise<number> {
    return (await this.col.deleteMany({ citizenKey })).deletedCount;
  }
}
