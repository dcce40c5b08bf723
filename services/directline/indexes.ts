/** Create a TTL index idempotently, replacing it when the retention changed. */
import type { Collection, Document } from 'mongodb';

/** Ensure `<field>` expires after `seconds` (named `retention`; recreated if the value changed). */
export async function ensureTtlIndex<T extends Document>(
  col: Collection<T>,
  field: string,
  seconds: number,
): Promise<void> {
  const spec = { [field]: 1 } as Record<string, 1>;
  try {
    await col.createIndex(spec, { name: 'retention', expireAfterSeconds: seconds });
  } catch {
    await col.dropIndex('retention');
    await col.createIndex(spec, { name: 'retention', expireAfterSeconds: seconds });
  }
}
