/**
 * Supporters of a feedback item ("me too"): citizens who added their voice instead of filing the same thing again.
 * Each entry keeps what is needed to tell them about updates (their channel address and language); one entry per
 * citizen (`supporterCount` moves with the array in the same write); never on the citizen's own item; removed by
 * PDPA erasure.
 */
import type { Collection } from 'mongodb';
import { OPEN_STATUSES } from './nearby';
import type { FeedbackRecord, FeedbackStatus, FeedbackSupporter } from './types';

/** What adding a voice did: `added`, or why not (`already` counts once; `own` item; `closed`; `notFound`). */
export type AddSupporterOutcome = 'added' | 'already' | 'own' | 'closed' | 'notFound';

/** The outcome with the item's current status (for telling the citizen where it stands). */
export interface AddSupporterResult {
  outcome: AddSupporterOutcome;
  status?: FeedbackStatus;
}

/** Supporter entries in the feedback collection (FeedbackRepository.supporters). */
export class FeedbackSupporters {
  constructor(private readonly col: Collection<FeedbackRecord>) {}

  /** Add `supporter` to an open item once; idempotent (the same citizen twice counts once). */
  async add(reference: string, supporter: FeedbackSupporter): Promise<AddSupporterResult> {
    const key = supporter.citizenKey;
    const after = await this.col.findOneAndUpdate(
      {
        _id: reference,
        status: { $in: [...OPEN_STATUSES] },
        citizenKey: { $ne: key },
        'supporters.citizenKey': { $ne: key },
      },
      { $push: { supporters: supporter }, $inc: { supporterCount: 1 } },
      { returnDocument: 'after', projection: { status: 1 } },
    );
    if (after) return { outcome: 'added', status: after.status };
    const now = await this.col.findOne(
      { _id: reference },
      { projection: { status: 1, citizenKey: 1, 'supporters.citizenKey': 1 } },
    );
    if (!now) return { outcome: 'notFound' };
    if (now.citizenKey === key) return { outcome: 'own', status: now.status };
    if ((now.supporters ?? []).some((s) => s.citizenKey === key))
      return { outcome: 'already', status: now.status };
    return { outcome: 'closed', status: now.status };
  }

  /** How many citizens support an item (0 when none or unknown). */
  async count(reference: string): Promise<number> {
    const r = await this.col.findOne({ _id: reference }, { projection: { supporterCount: 1 } });
    return r?.supporterCount ?? 0;
  }

  /** PDPA erasure: remove the citizen's supporter entries from every item; returns how many items changed. */
  async eraseCitizen(citizenKey: string): Promise<number> {
    const res = await this.col.updateMany(
      { 'supporters.citizenKey': citizenKey },
      { $pull: { supporters: { citizenKey } }, $inc: { supporterCount: -1 } },
    );
    return res.modifiedCount;
  }
}
