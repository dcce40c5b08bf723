/** Placeholder until the "reports" helper's view lands (charts of volumes, times and satisfaction). */
import { t, useLang } from '../i18n';

/** Reports (placeholder). */
export function ReportsView() {
  useLang();
  return (
    <section aria-labelledby="reports-heading">
      <h1 id="reports-heading" tabIndex={-1}>
        {t('ui.nav.reports')}
      </h1>
      <p class="muted">{t('ui.placeholder')}</p>
    </section>
  );
}
