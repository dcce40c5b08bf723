/**
 * Consultations beyond the chat: the public results page and the sweeper that tells participants where the results
 * are when a consultation closes (durable and idempotent, so every server instance may run it).
 */
import type { Server } from 'restify';
import { ConsultationClosingSweeper } from '../../services/consultations/closingSweeper';
import type { Logger } from '../../services/log';
import type { Notifier } from '../../services/notifications/notifier';
import { mountConsultationResults, resultsPath } from '../http/consultations/resultsPage';
import type { Core } from './core';

/** How often the closing sweeper looks for closed consultations. */
const CLOSING_SWEEP_MS = 5 * 60_000;

/** Mount the results page and start the closing sweeper; returns its stop function. */
export function wireConsultations(
  server: Server,
  core: Core,
  opts: { notifier: Pick<Notifier, 'channel'>; publicBase: string; log: Logger; sweepMs?: number },
): () => Promise<void> {
  const agencyName = (id: string, lang: 'en' | 'ms') => core.router.agency(id)?.name[lang] ?? id;
  mountConsultationResults(server, {
    consultations: core.consultations,
    t: core.l10n.t,
    agencyName,
    log: opts.log,
  });
  const base = opts.publicBase.replace(/\/+$/, '');
  const sweeper = new ConsultationClosingSweeper({
    consultations: core.consultations,
    channels: opts.notifier,
    t: core.l10n.t,
    resultsUrl: (id, lang) => `${base}${resultsPath(id, lang)}`,
    log: opts.log,
  });
  const every = opts.sweepMs ?? CLOSING_SWEEP_MS;
  if (every > 0) sweeper.start(every);
  return () => sweeper.stop();
}
