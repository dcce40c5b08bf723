/**
 * The real staff-action service for dashboard and Teams tests: scope, change and audit over a real database, the
 * status change through the real StatusService (no channels registered, so the citizen is "not notified").
 */
import type { Db } from 'mongodb';
import { FeedbackRepository } from '../../services/feedback/repository';
import { createStaffActionService } from '../../services/staff';
import type { StaffActionService } from '../../services/staff/actionService';
import { StatusService } from '../../services/status/statusService';

/** The service the composition root builds, minus the notifier. */
export function staffActions(db: Db): StaffActionService {
  return createStaffActionService(db, new StatusService(new FeedbackRepository(db)));
}
