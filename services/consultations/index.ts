/** Public consultations (e-participation): data loading, storage, results. */
export * from './types';
export * from './errors';
export { isOpen, checkAnswers } from './answers';
export { buildResults } from './results';
export { ConsultationRepository, type ConsultationResponseDoc } from './repository';
export { CONSULTATIONS_FILE, consultationSchema, loadConsultations, parseConsultations } from './schema';
