/**
 * The bilingual message an email body receives: one set of facts with Malay/English labels ("Nombor rujukan /
 * Reference"), the citizen's own words once, photo links, and how to send a status back, in both languages — the
 * body's preferred language first (Malay unless its endpoint says `language: 'en'`). Plain text and HTML with the same
 * content; every value in the HTML is escaped. All wording comes from locales/<lang>/email.json.
 */
import type { FeedbackRecord, Language } from '../feedback/types';
import { formatDate } from '../i18n/dates';
import type { Translate } from '../i18n';
import { publicUrlOnly, type AttachmentUrl } from './payload';

/** What the composer needs besides the record. */
export interface EmailOptions {
  /** Language shown first (both are always there). */
  first: Language;
  t: Translate;
  /** Absolute base URL of this server (dashboard links). */
  dashboardUrl: string;
  attachmentUrl?: AttachmentUrl;
}

/** A composed message, ready for the mailer. */
export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

/** One labelled line of the facts table; `href` makes the value a link. */
interface Fact {
  label: string;
  value: string;
  href?: string;
}

/** Everything the two renderers show, already in words. */
interface Content {
  langs: [Language, Language];
  headings: string[];
  intros: string[];
  facts: Fact[];
  detailsLabel: string;
  detailsNote: string;
  details: string;
  photosLabel: string;
  photos: string[];
  noPhotos: string;
  respond: { lang: Language; title: string; dashboard: string; reply: string }[];
  dashboardLink: string;
  footers: string[];
}

/** HTML-escape text for element content and double-quoted attributes. */
export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Never a Telegram Bot API file URL (it embeds the bot token); only http(s). */
function tokenFree(url: string | undefined): url is string {
  return !!url && /^https?:\/\//i.test(url) && !/\/file\/bot[^/]*:/i.test(url);
}

/** The dashboard page of one item. */
export function dashboardLinkFor(dashboardUrl: string, reference: string): string {
  return `${dashboardUrl.replace(/\/+$/, '')}/dashboard#/feedback/${encodeURIComponent(reference)}`;
}

function placeOf(r: FeedbackRecord): string | undefined {
  const l = r.location;
  if (!l) return undefined;
  const parts = [l.text, l.place && l.place !== l.text ? l.place : undefined, l.postcode].filter(Boolean);
  return parts.length ? parts.join(', ') : undefined;
}

function mapLink(r: FeedbackRecord): string | undefined {
  const p = r.location?.point?.coordinates;
  if (!p) return undefined;
  const [lng, lat] = p.map((n) => Number(n.toFixed(6)));
  return `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lng}#map=18/${lat}/${lng}`;
}

function contactOf(r: FeedbackRecord, both: (key: string) => string): string {
  const c = r.contact;
  if (r.anonymous || !r.consent.contact || !c) return both('email:anonymous');
  const parts = [c.name, c.phone, c.email].filter((x): x is string => !!x);
  return parts.length ? parts.join(', ') : both('email:anonymous');
}

const memo = new WeakMap<Translate, Map<string, string>>();
/** Labels never change while the process runs: look each (language, key) up once (i18next lookups are not free). */
function memoized(t: Translate): Translate {
  let cache = memo.get(t);
  if (!cache) memo.set(t, (cache = new Map()));
  const c = cache;
  return (lng, key, vars) => {
    if (vars) return t(lng, key, vars);
    const k = `${lng}\u0000${key}`;
    let v = c.get(k);
    if (v === undefined) c.set(k, (v = t(lng, key)));
    return v;
  };
}

/** Gather the words of the message (bilingual labels, values, links). */
function contentOf(record: FeedbackRecord, options: EmailOptions): Content {
  const o = { ...options, t: memoized(options.t) };
  const langs: [Language, Language] = o.first === 'en' ? ['en', 'ms'] : ['ms', 'en'];
  const both = (key: string, vars?: Record<string, string>) =>
    langs.map((l) => o.t(l, key, vars)).join(' / ');
  const label = (k: string) => both(`email:label.${k}`);
  const ref = record._id;
  const place = placeOf(record);
  const map = mapLink(record);
  const attachmentUrl = o.attachmentUrl ?? publicUrlOnly;
  const photos = record.attachments
    .map((a, i) => attachmentUrl(record, a, i))
    .filter((u): u is string => tokenFree(u));
  const facts: Fact[] = [
    { label: label('reference'), value: ref },
    { label: label('type'), value: both(`common:types.${record.type}`) },
    { label: label('category'), value: both(`categories:${record.category}.label`) },
    { label: label('place'), value: place ?? both('email:noPlace') },
    ...(map ? [{ label: label('map'), value: map, href: map }] : []),
    {
      label: label('submitted'),
      value: langs.map((l) => formatDate(l, record.createdAt)).join(' / '),
    },
    { label: label('contact'), value: contactOf(record, both) },
  ];
  return {
    langs,
    headings: langs.map((l) => o.t(l, `email:heading.${record.type}`)),
    intros: langs.map((l) => o.t(l, 'email:intro')),
    facts,
    detailsLabel: label('details'),
    detailsNote: langs
      .map((l) => o.t(l, 'email:detailsNote', { language: o.t(l, `email:languages.${record.language}`) }))
      .join(' / '),
    details: record.text,
    photosLabel: label('photos'),
    photos,
    noPhotos: both('email:noPhotos'),
    respond: langs.map((l) => ({
      lang: l,
      title: o.t(l, 'email:respond.title'),
      dashboard: o.t(l, 'email:respond.dashboard'),
      reply: o.t(l, 'email:respond.reply', { reference: ref }),
    })),
    dashboardLink: dashboardLinkFor(o.dashboardUrl, ref),
    footers: langs.map((l) => o.t(l, 'email:footer')),
  };
}

function renderText(c: Content): string {
  const lines: string[] = [...c.headings, '', ...c.intros, ''];
  for (const f of c.facts) lines.push(`${f.label}: ${f.value}`);
  lines.push('', `${c.detailsLabel} (${c.detailsNote}):`, c.details, '', `${c.photosLabel}:`);
  if (c.photos.length) c.photos.forEach((u, i) => lines.push(`${i + 1}. ${u}`));
  else lines.push(c.noPhotos);
  for (const r of c.respond) lines.push('', r.title, `${r.dashboard} ${c.dashboardLink}`, r.reply);
  lines.push('', '--', ...c.footers);
  return `${lines.join('\n')}\n`;
}

function link(href: string, text = href): string {
  return `<a href="${escapeHtml(href)}">${escapeHtml(text)}</a>`;
}

function renderHtml(c: Content, subject: string): string {
  const [first, second] = c.langs;
  const e = escapeHtml;
  const th = 'style="text-align:left;vertical-align:top;padding:4px 16px 4px 0;font-weight:bold"';
  const rows = c.facts
    .map(
      (f) =>
        `<tr><th scope="row" ${th}>${e(f.label)}</th><td>${f.href ? link(f.href, f.value) : e(f.value)}</td></tr>`,
    )
    .join('\n');
  const photos = c.photos.length
    ? `<ol>${c.photos.map((u) => `<li>${link(u)}</li>`).join('')}</ol>`
    : `<p>${e(c.noPhotos)}</p>`;
  const respond = c.respond
    .map(
      (r) =>
        `<div lang="${r.lang}"><h2 style="font-size:16px">${e(r.title)}</h2>` +
        `<p>${e(r.dashboard)} ${link(c.dashboardLink)}</p><p>${e(r.reply)}</p></div>`,
    )
    .join('\n');
  return `<!DOCTYPE html>
<html lang="${first}"><head><meta charset="utf-8"><title>${e(subject)}</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:1.5;color:#1a1a1a">
<h1 style="font-size:20px">${e(c.headings[0]!)}<br><span lang="${second}">${e(c.headings[1]!)}</span></h1>
<p>${e(c.intros[0]!)}</p>
<p lang="${second}">${e(c.intros[1]!)}</p>
<table style="border-collapse:collapse">
${rows}
</table>
<h2 style="font-size:16px">${e(c.detailsLabel)}</h2>
<p style="color:#555">(${e(c.detailsNote)})</p>
<blockquote style="margin:0;padding:8px 12px;border-left:4px solid #ccc">${e(c.details).replace(/\r?\n/g, '<br>')}</blockquote>
<h2 style="font-size:16px">${e(c.photosLabel)}</h2>
${photos}
${respond}
<hr>
<p style="color:#555;font-size:12px">${e(c.footers[0]!)}</p>
<p lang="${second}" style="color:#555;font-size:12px">${e(c.footers[1]!)}</p>
</body></html>
`;
}

/** Compose the message for a record. */
export function composeEmail(record: FeedbackRecord, options: EmailOptions): EmailContent {
  const o = { ...options, t: memoized(options.t) };
  const c = contentOf(record, o);
  const subjects = c.langs.map((l) => o.t(l, `email:subject.${record.type}`)).join(' / ');
  const categories = c.langs.map((l) => o.t(l, `categories:${record.category}.label`)).join(' / ');
  const subject = `[${record._id}] ${subjects}: ${categories}`;
  return { subject, text: renderText(c), html: renderHtml(c, subject) };
}
