/**
 * Results of the public consultations the staff member's body published (admins: every body's): a list, and for one
 * consultation (`#/consultations?id=<id>`) counts per option as a bar chart (chart.js) with the same numbers in a
 * table beside it (the text alternative), the 1–5 average, the latest free-text answers, and the CSV download.
 */
import { useEffect, useState } from 'preact/hooks';
import { apiUrl, getJson } from '../api';
import { formatDate, formatNumber, lang, t, useLang } from '../i18n';
import { useBarChart } from '../components/barChart';
import { ColumnHeads } from '../components/ColumnHeads';

type Bilingual = { en: string; ms: string };
type State = 'upcoming' | 'open' | 'closed';

interface Summary {
  id: string;
  agencyId: string;
  agencyName: Bilingual;
  title: Bilingual;
  opensAt: string;
  closesAt: string;
  state: State;
  responses: number;
}

interface QuestionView {
  id: string;
  kind: 'choice' | 'scale' | 'text';
  text: Bilingual;
  options?: { id: string; label: Bilingual }[];
  low?: Bilingual;
  high?: Bilingual;
}

interface QuestionResult {
  questionId: string;
  kind: 'choice' | 'scale' | 'text';
  answered: number;
  counts?: Record<string, number>;
  mean?: number | null;
}

interface Results {
  consultation: Omit<Summary, 'responses'> & { questions: QuestionView[] };
  results: { responses: number; byLanguage: { en: number; ms: number }; questions: QuestionResult[] } | null;
  texts: { questionId: string; text: string; language: 'en' | 'ms'; submittedAt: string }[];
}

const S = (key: string, vars?: Record<string, string | number>) => t(`consultation:staff.view.${key}`, vars);

/** The consultation id in `#/consultations?id=<id>`, if any. */
function selectedId(): string {
  const q = location.hash.split('?')[1] ?? '';
  return new URLSearchParams(q).get('id') ?? '';
}

function useSelected(): string {
  const [id, setId] = useState(selectedId());
  useEffect(() => {
    const on = () => setId(selectedId());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return id;
}

/** One horizontal bar chart; hidden from screen readers (the table next to it carries the same numbers). */
function BarChart(props: { labels: string[]; values: number[] }) {
  const canvas = useBarChart(props.labels, props.values, {
    options: {
      indexAxis: 'y',
      responsive: true,
      aspectRatio: Math.max(2, 10 / Math.max(props.labels.length, 1)),
      scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
    },
  });
  return (
    <div class="chart" aria-hidden="true">
      <canvas ref={canvas} />
    </div>
  );
}

function optionLabel(q: QuestionView, key: string): string {
  const L = lang();
  if (q.kind === 'choice') return q.options?.find((o) => o.id === key)?.label[L] ?? key;
  if (key === '1' && q.low) return `1 (${q.low[L]})`;
  if (key === '5' && q.high) return `5 (${q.high[L]})`;
  return key;
}

function CountsTable(props: { q: QuestionView; r: QuestionResult; n: number }) {
  const { q, r } = props;
  const entries = Object.entries(r.counts ?? {});
  const labels = entries.map(([k]) => optionLabel(q, k));
  return (
    <div>
      <BarChart labels={labels} values={entries.map(([, v]) => v)} />
      <table>
        <caption class="visually-hidden">{q.text[lang()]}</caption>
        <ColumnHeads names={[S('answer'), S('count'), S('share')]} />
        <tbody>
          {entries.map(([k, v], i) => (
            <tr key={k}>
              <th scope="row">{labels[i]}</th>
              <td>{formatNumber(v)}</td>
              <td>{r.answered ? `${Math.round((v / r.answered) * 100)}%` : '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {r.kind === 'scale' && r.mean !== null && r.mean !== undefined ? (
        <p>{S('mean', { mean: formatNumber(r.mean) })}</p>
      ) : null}
    </div>
  );
}

function TextAnswers(props: { q: QuestionView; r: QuestionResult; texts: Results['texts'] }) {
  const mine = props.texts.filter((x) => x.questionId === props.q.id);
  if (mine.length === 0) return <p class="muted">{S('noText')}</p>;
  return (
    <div>
      <p class="muted">
        {S('textCount', { count: formatNumber(props.r.answered), shown: formatNumber(mine.length) })}
      </p>
      <ul class="text-answers">
        {mine.map((x, i) => (
          <li key={i}>
            <blockquote lang={x.language}>{x.text}</blockquote>
            <p class="muted">{formatDate(x.submittedAt)}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}

function ResultsPanel(props: { id: string }) {
  const [data, setData] = useState<Results | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    setData(null);
    setError('');
    getJson<Results>(`/consultations/${encodeURIComponent(props.id)}/results`).then(setData, (e: Error) =>
      setError(e.message),
    );
  }, [props.id]);
  if (error)
    return (
      <p id="consultation-error" class="error" role="alert">
        {error}
      </p>
    );
  if (!data)
    return (
      <p class="muted" aria-live="polite">
        {S('loading')}
      </p>
    );
  const L = lang();
  const c = data.consultation;
  const total = data.results?.responses ?? 0;
  const csv = apiUrl(`/consultations/${encodeURIComponent(c.id)}/results.csv?lang=${L}`);
  return (
    <article id="consultation-results" aria-labelledby="consultation-title">
      <p>
        <a href="#/consultations">{S('back')}</a>
      </p>
      <h2 id="consultation-title">{c.title[L]}</h2>
      <p class="muted">
        {S(`state.${c.state}`)} ·{' '}
        {S('window', { from: formatDate(c.opensAt, true), to: formatDate(c.closesAt, true) })}
      </p>
      <p id="consultation-total">
        {S('responses', {
          count: formatNumber(total),
          en: formatNumber(data.results?.byLanguage.en ?? 0),
          ms: formatNumber(data.results?.byLanguage.ms ?? 0),
        })}
      </p>
      <a id="consultation-csv" class="button-link" href={csv} download>
        {S('csv')}
      </a>
      {c.questions.map((q, i) => {
        const r = data.results?.questions.find((x) => x.questionId === q.id);
        return (
          <section key={q.id} class="card" aria-labelledby={`q-${q.id}`}>
            <h3 id={`q-${q.id}`}>{S('question', { n: i + 1, text: q.text[L] })}</h3>
            {!r ? null : q.kind === 'text' ? (
              <TextAnswers q={q} r={r} texts={data.texts} />
            ) : (
              <CountsTable q={q} r={r} n={total} />
            )}
          </section>
        );
      })}
    </article>
  );
}

function List(props: { items: Summary[] }) {
  const L = lang();
  if (props.items.length === 0) return <p class="muted">{S('none')}</p>;
  return (
    <table id="consultation-list">
      <ColumnHeads names={[S('title'), S('body'), S('status'), S('closes'), S('count')]} />
      <tbody>
        {props.items.map((c) => (
          <tr key={c.id}>
            <th scope="row">
              <a href={`#/consultations?id=${encodeURIComponent(c.id)}`}>{c.title[L]}</a>
            </th>
            <td>{c.agencyName[L]}</td>
            <td>{S(`state.${c.state}`)}</td>
            <td>{formatDate(c.closesAt, true)}</td>
            <td>{formatNumber(c.responses)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Consultation results for staff (route `#/consultations`, one consultation at `#/consultations?id=<id>`). */
export function ConsultationsView() {
  useLang();
  const id = useSelected();
  const [items, setItems] = useState<Summary[] | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    getJson<{ items: Summary[] }>('/consultations').then(
      (r) => setItems(r.items),
      (e: Error) => setError(e.message),
    );
  }, []);
  return (
    <section aria-labelledby="consultations-heading">
      <h1 id="consultations-heading" tabIndex={-1}>
        {t('ui.nav.consultations')}
      </h1>
      {id ? (
        <ResultsPanel id={id} />
      ) : error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : items ? (
        <List items={items} />
      ) : (
        <p class="muted">{S('loading')}</p>
      )}
    </section>
  );
}
