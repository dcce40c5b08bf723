/** Placeholder until the "reports" helper's view lands (results of the body's public consultations). */
import { t, useLang } from '../i18n';

/** Consultation results (placeholder). */
export function ConsultationsView() {
  useLang();
  return (
    <section aria-labelledby="consultations-heading">
      <h1 id="consultations-heading" tabIndex={-1}>
        {t('ui.nav.consultations')}
      </h1>
      <p class="muted">{t('ui.placeholder')}</p>
    </section>
  );
}
