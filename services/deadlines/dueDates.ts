/** Deadlines of one record (time to acknowledge and to resolve) and its flags, from its status history. */
import type { Agency, CategoryId } from '../agencies/types';
import type { FeedbackRecord, FeedbackStatus } from '../feedback/types';
import type { WorkingCalendar } from './calendar';
import type { DeadlineConfig } from './data';

/** Statuses that mean nothing has happened yet on the agency's side. */
const NOT_ACKNOWLEDGED: readonly FeedbackStatus[] = ['received', 'sent'];
/** Statuses that end the matter. */
export const FINISHED: readonly FeedbackStatus[] = ['resolved', 'closed', 'rejected', 'duplicate'];

/** Where one deadline stands: done in time, done late, not done and past due, due within a working day, or open. */
export type StageState = 'met' | 'missed' | 'overdue' | 'dueSoon' | 'open';

/** A record's deadlines and flags. `flag` is what lists show: overdue wins over due soon. */
export interface Deadline {
  acknowledgeBy: Date;
  resolveBy: Date;
  acknowledge: StageState;
  resolve: StageState;
  flag: 'overdue' | 'dueSoon' | null;
}

/** The part of a body deadlines need. */
export type DeadlineBody = Pick<Agency, 'id' | 'state'>;

/** Working days allowed: body + category, then body, then category, then the charter defaults. */
export function allowedDays(
  config: DeadlineConfig,
  category: CategoryId,
  bodyId?: string | null,
): { acknowledgeDays: number; resolveDays: number } {
  const body = bodyId ? config.bodies[bodyId] : undefined;
  const pick = (k: 'acknowledgeDays' | 'resolveDays'): number =>
    body?.categories?.[category]?.[k] ?? body?.[k] ?? config.categories[category]?.[k] ?? config.defaults[k];
  return { acknowledgeDays: pick('acknowledgeDays'), resolveDays: pick('resolveDays') };
}

/** When the record must be acknowledged and resolved, in the body's state's working days. */
export function dueDates(
  cal: WorkingCalendar,
  config: DeadlineConfig,
  record: Pick<FeedbackRecord, 'createdAt' | 'category'>,
  body?: DeadlineBody,
): { acknowledgeBy: Date; resolveBy: Date } {
  const d = allowedDays(config, record.category, body?.id);
  const start = new Date(record.createdAt);
  return {
    acknowledgeBy: cal.addWorkingDays(start, d.acknowledgeDays, body?.state),
    resolveBy: cal.addWorkingDays(start, d.resolveDays, body?.state),
  };
}

function stage(
  cal: WorkingCalendar,
  due: Date,
  doneAt: Date | undefined,
  now: Date,
  state?: string,
): StageState {
  if (doneAt) return doneAt.getTime() <= due.getTime() ? 'met' : 'missed';
  if (now.getTime() > due.getTime()) return 'overdue';
  return now.getTime() >= cal.dueSoonFrom(due, state).getTime() ? 'dueSoon' : 'open';
}

/** Deadlines and flags of a record at `now`: acknowledged = first status beyond received/sent; resolved = finished. */
export function deadlineOf(
  cal: WorkingCalendar,
  config: DeadlineConfig,
  record: Pick<FeedbackRecord, 'createdAt' | 'category' | 'statusHistory'>,
  body: DeadlineBody | undefined,
  now: Date,
): Deadline {
  const due = dueDates(cal, config, record, body);
  const history = record.statusHistory ?? [];
  const ack = history.find((h) => !NOT_ACKNOWLEDGED.includes(h.status));
  const done = history.find((h) => FINISHED.includes(h.status));
  const acknowledge = stage(cal, due.acknowledgeBy, ack && new Date(ack.at), now, body?.state);
  const resolve = stage(cal, due.resolveBy, done && new Date(done.at), now, body?.state);
  const flag =
    acknowledge === 'overdue' || resolve === 'overdue'
      ? 'overdue'
      : acknowledge === 'dueSoon' || resolve === 'dueSoon'
        ? 'dueSoon'
        : null;
  return { ...due, acknowledge, resolve, flag };
}
