/** Public consultations (e-participation): data loading, storage, results. */
export * from './types';
export * from './errors';
export { isOpen, checkAnswers } from './answers';
export { buildResults } from './results';
export { ConsultationRepository, type ConsultationResponseDoc } from './repository';
export { CONSULTATIONS_FILE, consultationSchema, loadConsultations, parseConsultations } from './schema';
export { ClosingNoticeStore, type ClosingNoticeDoc, type ClosingRecipient } from './closingNoticeStore';
export { ConsultationClosingSweeper, closingMessage, type ClosingSweeperDeps } from './closingSweeper';
export { consultationFromStart, consultationStart, CONSULTATION_START_PREFIX } from './deepLink';
