/** Photos uploaded through Direct Line, stored as bytes in MongoDB `dlUploads` under an unguessable id. */
import { Binary, type Collection, type Db } from 'mongodb';
import { ensureTtlIndex } from './indexes';
import { randomId } from './tokens';

/** Image types accepted, with the magic bytes that must start the file. */
export const UPLOAD_TYPES: Record<string, number[]> = {
  'image/jpeg': [0xff, 0xd8, 0xff],
  'image/png': [0x89, 0x50, 0x4e, 0x47],
};

interface UploadDoc {
  _id: string;
  conversationId: string;
  contentType: string;
  name: string;
  size: number;
  data: Binary;
  createdAt: Date;
}

/** A stored upload as read back. */
export interface StoredUpload {
  id: string;
  contentType: string;
  name: string;
  size: number;
  data: Buffer;
}

/** The file is refused (too big, not an image we accept); `code` is stable. */
export class UploadRejectedError extends Error {
  constructor(
    readonly code: 'UPLOAD_TOO_LARGE' | 'UPLOAD_UNSUPPORTED_TYPE' | 'UPLOAD_EMPTY',
    message: string,
  ) {
    super(message);
    this.name = 'UploadRejectedError';
  }
}

/** The content type an image really is (by its magic bytes), or null. */
export function sniffImageType(data: Buffer): string | null {
  for (const [type, magic] of Object.entries(UPLOAD_TYPES)) {
    if (data.length >= magic.length && magic.every((b, i) => data[i] === b)) return type;
  }
  return null;
}

/** One upload in a citizen's export. */
export interface UploadExport {
  id: string;
  conversationId: string;
  contentType: string;
  name: string;
  size: number;
  createdAt: Date;
  /** The file, base64-encoded (only in the downloadable copy). */
  dataBase64?: string;
}

/** Store and fetch uploads. */
export class UploadsRepository {
  private readonly col: Collection<UploadDoc>;

  constructor(
    db: Db,
    /** Largest accepted file in bytes. */
    readonly maxBytes: number,
  ) {
    this.col = db.collection<UploadDoc>('dlUploads');
  }

  /** Idempotent index creation. */
  async ensureIndexes(retentionDays: number): Promise<void> {
    await this.col.createIndex({ conversationId: 1 });
    await ensureTtlIndex(this.col, 'createdAt', Math.round(retentionDays * 86400));
  }

  /** Validate and store one image; returns its unguessable id and the sniffed content type. */
  async save(
    conversationId: string,
    name: string,
    data: Buffer,
  ): Promise<{ id: string; contentType: string }> {
    if (data.length === 0) throw new UploadRejectedError('UPLOAD_EMPTY', 'The file is empty.');
    if (data.length > this.maxBytes) {
      throw new UploadRejectedError('UPLOAD_TOO_LARGE', `The file is larger than ${this.maxBytes} bytes.`);
    }
    const contentType = sniffImageType(data);
    if (!contentType)
      throw new UploadRejectedError('UPLOAD_UNSUPPORTED_TYPE', 'Only JPEG and PNG photos are accepted.');
    const id = randomId(24);
    const safeName = name.replace(/[^\w.\- ]/g, '_').slice(0, 100) || 'photo';
    await this.col.insertOne({
      _id: id,
      conversationId,
      contentType,
      name: safeName,
      size: data.length,
      data: new Binary(data),
      createdAt: new Date(),
    });
    return { id, contentType };
  }

  /** Read an upload by id, or null. */
  async get(id: string): Promise<StoredUpload | null> {
    if (!/^[A-Za-z0-9_-]{20,64}$/.test(id)) return null;
    const doc = await this.col.findOne({ _id: id });
    if (!doc) return null;
    return {
      id,
      contentType: doc.contentType,
      name: doc.name,
      size: doc.size,
      data: Buffer.from(doc.data.buffer),
    };
  }

  /**
   * PDPA access: what was uploaded in these conversations (name, type, size, date) and, with `withData`, the file
   * itself as base64 (the downloadable copy; uploads are at most `maxBytes` each).
   */
  async exportConversations(
    conversationIds: string[],
    opts: { withData?: boolean } = {},
  ): Promise<UploadExport[]> {
    if (conversationIds.length === 0) return [];
    const docs = await this.col
      .find({ conversationId: { $in: conversationIds } }, opts.withData ? {} : { projection: { data: 0 } })
      .toArray();
    return docs.map((d) => ({
      id: d._id,
      conversationId: d.conversationId,
      contentType: d.contentType,
      name: d.name,
      size: d.size,
      createdAt: d.createdAt,
      ...(opts.withData ? { dataBase64: Buffer.from(d.data.buffer).toString('base64') } : {}),
    }));
  }

  /** PDPA erasure: delete every upload of these conversations; returns how many. */
  async eraseConversations(conversationIds: string[]): Promise<number> {
    if (conversationIds.length === 0) return 0;
    return (await this.col.deleteMany({ conversationId: { $in: conversationIds } })).deletedCount;
  }
}
