/**
 * The public results page of a consultation, `GET /consultations/:id/results?lang=ms|en`: bilingual, counts per
 * option (and the 1–5 spread) only — never free text, never who answered. Results appear once the consultation
 * has closed; before that the page says when they will. Plain HTML with a hashed inline style (strict CSP, no
 * script), bars drawn with <progress> beside a table that carries the numbers.
 */
import { createHash } from 'node:crypto';
import type { Request, Response, Server } from 'restify';
import type { ConsultationRepository } from '../../../services/consultations/repository';
import type { Consultation, ConsultationResults } from '../../../services/consultations/types';
import type { Language } from '../../../services/feedback/types';
import type { Translate } from '../../../services/i18n';
import { formatDay } from '../../../services/i18n/dates';
import type { Logger } from '../../../services/log';

/** What the page needs. */
export interface ResultsPageDeps {
  consultations: Pick<ConsultationRepository, 'get' | 'results'>;
  t: Translate;
  agencyName(agencyId: string, lang: Language): string;
  log: Logger;
  now?: () => Date;
}

/** Path of a consultation's public results page (for links and the closing message). */
export function resultsPath(consultationId: string, lang?: Language): string {
  return `/consultations/${encodeURIComponent(consultationId)}/results${lang ? `?lang=${lang}` : ''}`;
}

const STYLE = [
  'body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:48rem;padding:1rem;color:#1a1a1a}',
  'table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}',
  'th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #ccc;vertical-align:middle}',
  'td.n{text-align:right;white-space:nowrap}progress{width:100%;height:.9rem}',
  'nav a{color:#0645ad}.note{color:#444}',
].join('');
const STYLE_HASH = createHash('sha256').update(STYLE).digest('base64');
const CSP = `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

const esc = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function languageOf(req: Request): Language {
  const q = new URL(req.url ?? '/', 'http://x').searchParams.get('lang');
  if (q === 'en' || q === 'ms') return q;
  const al = String(req.headers['accept-language'] ?? '').toLowerCase();
  return /^\s*en\b/.test(al) ? 'en' : 'ms';
}

function shell(lang: Language, title: string, body: string, otherHref: string, t: Translate): string {
  const other: Language = lang === 'ms' ? 'en' : 'ms';
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(title)}</title><style>${STYLE}</style></head><body><nav><a href="${esc(otherHref)}" lang="${other}" hreflang="${other}">${esc(t(other, 'consultation:results.switch'))}</a></nav><main>${body}</main></body></html>`;
}

function questionTable(
  t: Translate,
  lang: Language,
  c: Consultation,
  r: ConsultationResults['questions'][number],
): string {
  const q = c.questions.find((x) => x.id === r.questionId);
  if (!q) return '';
  const head = `<h2>${esc(q.text[lang])}</h2>`;
  if (r.kind === 'text' || q.kind === 'text') {
    return `${head}<p class="note">${esc(t(lang, 'consultation:results.textNote', { count: r.answered }))}</p>`;
  }
  const label = (key: string) =>
    q.kind === 'choice'
      ? (q.options.find((o) => o.id === key)?.label[lang] ?? key)
      : key === '1'
        ? `1 (${q.low[lang]})`
        : key === '5'
          ? `5 (${q.high[lang]})`
          : key;
  const rows = Object.entries(r.counts)
    .map(([key, n]) => {
      const pct = r.answered ? Math.round((n / r.answered) * 100) : 0;
      return `<tr><th scope="row">${esc(label(key))}</th><td class="n">${n}</td><td class="n">${pct}%</td><td><progress max="${Math.max(r.answered, 1)}" value="${n}" aria-hidden="true"></progress></td></tr>`;
    })
    .join('');
  const mean =
    r.kind === 'scale' && r.mean !== null
      ? `<p>${esc(t(lang, 'consultation:results.mean', { mean: r.mean.toLocaleString(lang === 'ms' ? 'ms-MY' : 'en-MY') }))}</p>`
      : '';
  return `${head}<table><thead><tr><th scope="col">${esc(t(lang, 'consultation:results.answer'))}</th><th scope="col">${esc(t(lang, 'consultation:results.count'))}</th><th scope="col">${esc(t(lang, 'consultation:results.share'))}</th><th scope="col"><span class="note">${esc(t(lang, 'consultation:results.chart'))}</span></th></tr></thead><tbody>${rows}</tbody></table>${mean}`;
}

/** The page for a consultation (pure; exported for tests). */
export async function renderResults(deps: ResultsPageDeps, c: Consultation, lang: Language): Promise<string> {
  const { t } = deps;
  const now = (deps.now ?? (() => new Date()))();
  const agency = deps.agencyName(c.agencyId, lang);
  const intro = `<h1>${esc(c.title[lang])}</h1><p>${esc(t(lang, 'consultation:results.by', { agency }))}</p>`;
  if (now < c.closesAt) {
    const when = esc(t(lang, 'consultation:results.notYet', { date: formatDay(lang, c.closesAt) }));
    return `${intro}<p>${when}</p>`;
  }
  const results = await deps.consultations.results(c.id);
  const total = results?.responses ?? 0;
  const closed = esc(
    t(lang, 'consultation:results.closed', { date: formatDay(lang, c.closesAt), count: total }),
  );
  const tables = (results?.questions ?? []).map((r) => questionTable(t, lang, c, r)).join('');
  return `${intro}<p>${closed}</p>${tables}<p class="note">${esc(t(lang, 'consultation:results.privacy'))}</p>`;
}

/** Add `GET /consultations/:id/results`. */
export function mountConsultationResults(server: Server, deps: ResultsPageDeps): void {
  server.get('/consultations/:id/results', async (req: Request, res: Response) => {
    const lang = languageOf(req);
    const id = String(req.params?.id ?? '').slice(0, 64);
    const headers = {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': CSP,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'public, max-age=60',
    };
    try {
      const c = await deps.consultations.get(id);
      const other = resultsPath(id, lang === 'ms' ? 'en' : 'ms');
      const title = c ? c.title[lang] : deps.t(lang, 'consultation:results.notFound');
      const body = c
        ? await renderResults(deps, c, lang)
        : `<h1>${esc(deps.t(lang, 'consultation:results.notFound'))}</h1>`;
      res.writeHead(c ? 200 : 404, headers);
      res.end(shell(lang, title, body, other, deps.t));
    } catch (e) {
      deps.log.warn('consultation.results_page_failed', { name: (e as Error).name });
      res.writeHead(500, { ...headers, 'Cache-Control': 'no-store' });
      res.end(
        shell(lang, 'Suara', `<h1>${esc(deps.t(lang, 'consultation:results.failed'))}</h1>`, '/', deps.t),
      );
    }
  });
}
