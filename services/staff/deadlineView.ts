/** Deadlines as staff see them: a record's due dates and flags, in its body's state's working days. */
import { getDefaultDeadlines, type Deadline, type DeadlineBody, type Deadlines } from '../deadlines';
import type { FeedbackRecord } from '../feedback/types';
import { getDefaultRouter } from '../routing';

/** What a list row and the item view carry. */
export type DeadlineView = Deadline;

/** Computes a record's deadline at `now` (the body's state comes from the directory). */
export type DeadlineOf = (
  record: Pick<FeedbackRecord, 'createdAt' | 'category' | 'statusHistory' | 'agencyId'>,
  now: Date,
) => DeadlineView;

/** A DeadlineOf over given deadlines and a body look-up. */
export function deadlineOfWith(
  deadlines: Deadlines,
  bodyOf: (id: string) => DeadlineBody | undefined,
): DeadlineOf {
  return (record, now) => deadlines.of(record, record.agencyId ? bodyOf(record.agencyId) : undefined, now);
}

/** The default: data/holidays + data/deadlines.json, bodies from the routing directory (a body it does not know counts as federal). */
export function defaultDeadlineOf(): DeadlineOf {
  return deadlineOfWith(getDefaultDeadlines(), (id) => {
    const a = getDefaultRouter().agency(id);
    return a ? { id: a.id, ...(a.state ? { state: a.state } : {}) } : { id };
  });
}
