/**
 * Exactly-once processing of channel updates over the `ProcessedUpdates` ledger: claim → turn → mark done.
 * A duplicate (already done) is acknowledged and skipped; a retryable failure releases the claim and rethrows so
 * the update is redelivered; any other failure is marked done (a poison update must not loop forever).
 * The crash window (turn committed, process died before `markDone`) is described in services/channels/processedUpdates.ts.
 */
import type { ProcessedUpdates } from '../../../services/channels/processedUpdates';
import { describeError, isRetryableTurnError, UpdateBusyError } from './errors';
import { log } from './log';

/** What happened to an update. */
export type OnceOutcome = 'processed' | 'duplicate';

const MARK_DONE_ATTEMPTS = 3;

/** Run `process` for update `updateId` of `channelKey` unless it was processed before. */
export async function processOnce(
  ledger: ProcessedUpdates,
  channelKey: string,
  updateId: number,
  process: () => Promise<void>,
): Promise<OnceOutcome> {
  const claim = await ledger.claim(channelKey, updateId);
  if (claim.kind === 'done') return 'duplicate';
  if (claim.kind === 'busy') throw new UpdateBusyError(updateId);
  try {
    await process();
  } catch (err) {
    if (isRetryableTurnError(err)) {
      await ledger
        .release(channelKey, updateId, claim.owner)
        .catch((e) => log('warn', 'release_failed', describeError(e)));
    } else {
      await markDone(ledger, channelKey, updateId, claim.owner);
    }
    throw err;
  }
  await markDone(ledger, channelKey, updateId, claim.owner);
  return 'processed';
}

/**
 * The turn succeeded: record it. If storage fails now we log and carry on — asking for a redelivery would run a
 * committed turn again; the stale claim expires by TTL instead.
 */
async function markDone(
  ledger: ProcessedUpdates,
  channelKey: string,
  updateId: number,
  owner: string,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await ledger.markDone(channelKey, updateId, owner);
      return;
    } catch (err) {
      if (attempt >= MARK_DONE_ATTEMPTS) {
        log('error', 'mark_done_failed', { updateId, ...describeError(err) });
        return;
      }
      await new Promise((r) => setTimeout(r, 200 * attempt));
    }
  }
}
