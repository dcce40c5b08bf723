/** The staff tools in one place: accounts, sessions, login limiter, audit log and scoped feedback queries. */
import type { Db } from 'mongodb';
import { FeedbackRepository } from '../feedback/repository';
import type { FeedbackChangeListener, StatusService } from '../status/statusService';
import { StaffActionService } from './actionService';
import { AuditLog } from './audit';
import type { StaffConfig } from './config';
import { StaffFeedback } from './feedbackQueries';
import { StaffInbox } from './inbox';
import { LoginLimiter } from './loginLimiter';
import { StaffRepository } from './repository';
import { SessionStore } from './sessions';

/** Everything the dashboard and the CLI need. */
export interface StaffServices {
  staff: StaffRepository;
  sessions: SessionStore;
  limiter: LoginLimiter;
  audit: AuditLog;
  feedback: StaffFeedback;
  /** The inbox: filters, sorts, counts, export cursor, officers. */
  inbox: StaffInbox;
  /** The feedback repository the queries run on (for the item view and exports). */
  feedbackRepo: FeedbackRepository;
}

/** Build the staff services on a database and create their indexes (idempotent). */
export async function createStaffServices(
  db: Db,
  config: Pick<StaffConfig, 'sessionMs' | 'maxFailures' | 'windowMs'>,
): Promise<StaffServices> {
  const staff = new StaffRepository(db);
  const feedbackRepo = new FeedbackRepository(db);
  const s: StaffServices = {
    staff,
    sessions: new SessionStore(db, config.sessionMs),
    limiter: new LoginLimiter(db, { maxFailures: config.maxFailures, windowMs: config.windowMs }),
    audit: new AuditLog(db),
    feedback: new StaffFeedback(feedbackRepo),
    inbox: new StaffInbox({ inbox: feedbackRepo.inbox, staff }),
    feedbackRepo,
  };
  await Promise.all([
    feedbackRepo.inbox.ensureIndexes(),
    s.staff.ensureIndexes(),
    s.sessions.ensureIndexes(),
    s.limiter.ensureIndexes(),
    s.audit.ensureIndexes(),
  ]);
  return s;
}

/** The one staff-action service (scope, change, audit, notify) over a database and the status service. */
export function createStaffActionService(
  db: Db,
  status: Pick<StatusService, 'apply' | 'reply'>,
  changes?: FeedbackChangeListener,
): StaffActionService {
  const repo = new FeedbackRepository(db);
  return new StaffActionService({
    feedback: new StaffFeedback(repo),
    audit: new AuditLog(db),
    status,
    inbox: repo.inbox,
    staff: new StaffRepository(db),
    ...(changes ? { changes } : {}),
  });
}
