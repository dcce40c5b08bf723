/**
 * What the citizen sent and what happened since: description, rating comment, photos (inline), other attachments,
 * contact details, the conversation's transcript, the status history (names, never ids) and the replies sent.
 */
import { formatDate, t, tCount } from '../i18n';
import type { Actor, Detail, HistoryEntry } from '../types';

/** "by <name>" for a history entry or reply (older servers send a plain string). */
function byText(by: string | Actor | undefined): string {
  if (!by) return '';
  if (typeof by === 'string') return t('detail.by', { by });
  const name = by.name || t(`ui.actor.${by.kind}`);
  return t('detail.by', { by: name });
}

function Photos({ item }: { item: Detail }) {
  const photos = item.photos ?? [];
  if (!photos.length) return null;
  return (
    <>
      <h2>{t('ui.photos.heading')}</h2>
      <ul class="photos">
        {photos.map((p, i) => (
          <li key={p.url}>
            <a href={p.url} target="_blank" rel="noopener noreferrer">
              <img
                src={p.url}
                alt={t('ui.photos.alt', { n: i + 1, count: photos.length, reference: item.reference })}
                loading="lazy"
              />
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}

function Attachments({ item }: { item: Detail }) {
  // Photos the server serves itself are shown above; the rest stay links.
  const rest = item.photos?.length ? [] : (item.attachments ?? []);
  if (!rest.length) return null;
  return (
    <>
      <h2>{t('detail.attachments')}</h2>
      <ul>
        {rest.map((a, i) => {
          const name = a.name || a.contentType;
          return (
            <li key={i}>
              {a.url ? (
                <a href={a.url} rel="noopener noreferrer" target="_blank">
                  {name}
                </a>
              ) : (
                t('detail.attachmentNoLink', { name })
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}

function Contact({ item: r }: { item: Detail }) {
  return (
    <>
      <h2>{t('detail.contact')}</h2>
      {r.contact ? (
        <dl class="facts">
          {r.contact.name ? <Pair label={t('detail.contactName')} value={r.contact.name} /> : null}
          {r.contact.phone ? <Pair label={t('detail.contactPhone')} value={r.contact.phone} /> : null}
          {r.contact.email ? <Pair label={t('detail.contactEmail')} value={r.contact.email} /> : null}
        </dl>
      ) : (
        <p class="muted">{r.anonymous ? t('detail.anonymous') : t('detail.noConsent')}</p>
      )}
    </>
  );
}

function Pair({ label, value }: { label: string; value: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </>
  );
}

function Transcript({ item }: { item: Detail }) {
  if (!item.transcript) return null;
  const lines = item.transcript;
  return (
    <details class="transcript card">
      <summary>
        <h2>{t('ui.transcript.heading')}</h2>{' '}
        <span class="muted">{tCount('ui.transcript.count', lines.length)}</span>
      </summary>
      {lines.length ? (
        <ol>
          {lines.map((l, i) => (
            <li key={i} class={`from-${l.from}`}>
              <span class="muted">
                {t(`ui.transcript.${l.from}`)} · {formatDate(l.at)}
              </span>
              <div class="text" lang={l.from === 'citizen' ? item.language : undefined}>
                {l.text}
              </div>
            </li>
          ))}
        </ol>
      ) : (
        <p class="muted">{t('ui.transcript.none')}</p>
      )}
    </details>
  );
}

function History({ entries }: { entries: HistoryEntry[] }) {
  return (
    <>
      <h2>{t('detail.history')}</h2>
      <ol class="history">
        {entries.map((h, i) => (
          <li key={i}>
            {t('detail.historyEntry', { status: t(`status.${h.status}`), at: formatDate(h.at) })}
            {h.by ? ` ${byText(h.by)}` : ''}
            {h.note ? <div class="text muted">{h.note}</div> : null}
          </li>
        ))}
      </ol>
    </>
  );
}

function Replies({ item }: { item: Detail }) {
  return (
    <>
      <h2>{t('detail.replies')}</h2>
      {item.replies.length ? (
        <ol class="history">
          {item.replies.map((rep, i) => (
            <li key={i}>
              <span class="muted">
                {formatDate(rep.at)}
                {rep.by && typeof rep.by !== 'string' ? ` ${byText(rep.by)}` : ''}
              </span>
              <div class="text">{rep.text}</div>
            </li>
          ))}
        </ol>
      ) : (
        <p class="muted">{t('detail.noReplies')}</p>
      )}
    </>
  );
}

/** Everything below the facts. */
export function ItemSections({ item }: { item: Detail }) {
  return (
    <>
      <h2>{t('detail.description')}</h2>
      <p class="text card" lang={item.language}>
        {item.text}
      </p>
      {item.rating?.comment ? (
        <>
          <h2>{t('detail.ratingComment')}</h2>
          <p class="text card rating-comment">{item.rating.comment}</p>
        </>
      ) : null}
      <Photos item={item} />
      <Attachments item={item} />
      <Contact item={item} />
      <Transcript item={item} />
      <History entries={item.history ?? item.statusHistory} />
      <Replies item={item} />
    </>
  );
}
