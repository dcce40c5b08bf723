/** The widget UI inside a shadow root: launcher button, chat panel, messages, suggested actions, location, photo. */
import { type Act, Client, HttpError, type Status } from './client';
import { copyText, h, icon, ICONS, linkify, preparePhoto, readableOn } from './dom';
import { type Lang, t, toLang } from './i18n';
import css from './styles.css';

const LOCATION = 'application/vnd.suara.location+json';
/** A Suara reference number (SRA-XXXX-XXXX). */
const REFERENCE = /\bSRA-[0-9A-Z]{4}-[0-9A-Z]{4}\b/g;

/** What the embed tag and the site's public settings give the widget. */
export interface WidgetOptions {
  base: string;
  site: string;
  lang: Lang;
  name: { en: string; ms: string };
  primary: string;
  logoUrl: string | null;
  /** `data-consultation`: open this public consultation when the panel opens (once per browser tab). */
  consultation?: string;
}

let seq = 0;
const newId = () => `sw-${Date.now().toString(36)}-${(seq++).toString(36)}`;

/** Build and run the widget in `shadow`. */
export class Widget {
  private lang: Lang;
  private readonly client: Client;
  private readonly seen = new Set<string>();
  private readonly pending = new Map<string, { el: HTMLElement; act: Act; file?: Blob; name?: string }>();
  private unread = 0;
  /** Last connection state (its notice is re-rendered when the language changes); 'online' shows none. */
  private connection: Status = 'online';
  private isOpen = false;
  private typingTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly root = h('div', { class: 'root' });
  private readonly launcher = h(
    'button',
    { class: 'launcher', type: 'button', 'aria-expanded': 'false', 'aria-controls': 'sw-panel' },
    icon(ICONS.chat),
  );
  private readonly badge = h('span', { class: 'badge', hidden: true, 'aria-hidden': 'true' });
  private readonly panel = h('section', {
    id: 'sw-panel',
    class: 'panel',
    role: 'dialog',
    'aria-labelledby': 'sw-title',
    hidden: true,
  });
  private readonly title = h('h2', { id: 'sw-title' });
  private readonly subtitle = h('p');
  private readonly langBtn = h('button', { type: 'button' });
  private readonly closeBtn = h('button', { type: 'button', class: 'x' }, '×');
  private readonly status = h('div', { class: 'status', role: 'status' });
  /** Screen-reader announcements (e.g. "reference copied"); visually hidden. */
  private readonly live = h('div', { class: 'sr', role: 'status' });
  private readonly log = h('div', { class: 'log', role: 'log', 'aria-live': 'polite', tabindex: '0' });
  private readonly typing = h('div', { class: 'typing', hidden: true, 'aria-hidden': 'true' });
  private readonly actions = h('div', { class: 'actions', role: 'group' });
  private readonly input = h('textarea', { id: 'sw-input', rows: '1', maxlength: '4000' });
  private readonly inputLabel = h('label', { for: 'sw-input', class: 'sr' });
  private readonly locBtn = h('button', { type: 'button', class: 'tool' }, icon(ICONS.pin));
  private readonly photoBtn = h('button', { type: 'button', class: 'tool' }, icon(ICONS.camera));
  private readonly file = h('input', {
    type: 'file',
    accept: 'image/jpeg,image/png,image/*',
    hidden: true,
    tabindex: '-1',
  });
  private readonly sendBtn = h('button', { type: 'submit', class: 'send' }, icon(ICONS.send));

  constructor(
    shadow: ShadowRoot,
    private readonly o: WidgetOptions,
  ) {
    this.lang = (localStorage.getItem(`suara-webchat-lang:${o.site}`) as Lang | null) ?? o.lang;
    this.client = new Client(
      o.base,
      o.site,
      () => (this.lang === 'ms' ? 'ms-MY' : 'en-US'),
      (a) => this.onActivities(a),
      (s) => this.onStatus(s),
    );
    this.root.style.setProperty('--p', o.primary);
    this.root.style.setProperty('--pf', readableOn(o.primary));
    const form = h(
      'form',
      {},
      this.locBtn,
      this.photoBtn,
      this.file,
      this.inputLabel,
      this.input,
      this.sendBtn,
    );
    const logo = o.logoUrl ? h('img', { src: o.logoUrl, alt: '' }) : null;
    this.panel.append(
      h('header', {}, logo, h('div', {}, this.title, this.subtitle), this.langBtn, this.closeBtn),
      this.status,
      this.live,
      this.log,
      this.typing,
      this.actions,
      form,
    );
    this.launcher.append(this.badge);
    this.root.append(this.launcher, this.panel);
    shadow.append(h('style', {}, css), this.root);
    this.chrome();

    this.launcher.onclick = () => this.toggle(!this.isOpen);
    this.closeBtn.onclick = () => this.toggle(false);
    this.panel.onkeydown = (e) => {
      if (e.key === 'Escape') this.toggle(false);
    };
    this.langBtn.onclick = () => this.switchLanguage();
    this.locBtn.onclick = () => this.shareLocation();
    this.photoBtn.onclick = () => this.file.click();
    this.file.onchange = () => this.sendPhoto();
    form.onsubmit = (e) => {
      e.preventDefault();
      this.sendText(this.input.value.trim());
    };
    this.input.onkeydown = (e) => {
      if (e.key === 'Enter' && !e.shiftKey) {
        e.preventDefault();
        this.sendText(this.input.value.trim());
      }
    };
    if (sessionStorage.getItem(`suara-webchat-open:${o.site}`) === '1') this.toggle(true, false);
    else if (this.client.hasSaved()) void this.client.start();
  }

  /** Set every UI string in the current language. */
  private chrome(): void {
    const L = this.lang;
    const site = this.o.name[L];
    this.root.setAttribute('lang', L);
    this.launcher.setAttribute(
      'aria-label',
      t(L, 'launcher.open', { site }) + (this.unread ? ` (${t(L, 'newMessage')})` : ''),
    );
    this.title.textContent = t(L, 'title', { site });
    this.subtitle.textContent = t(L, 'subtitle');
    this.langBtn.textContent = t(L, 'language.switch');
    this.langBtn.setAttribute('lang', L === 'ms' ? 'en' : 'ms');
    this.langBtn.setAttribute('aria-label', t(L, 'language.label'));
    this.closeBtn.setAttribute('aria-label', t(L, 'launcher.close'));
    this.log.setAttribute('aria-label', t(L, 'log'));
    this.typing.textContent = t(L, 'typing');
    if (this.connection !== 'online') this.status.textContent = t(L, `status.${this.connection}`);
    this.actions.setAttribute('aria-label', t(L, 'suggestions'));
    this.inputLabel.textContent = t(L, 'input.label');
    this.input.placeholder = t(L, 'input.placeholder');
    for (const [b, k] of [
      [this.locBtn, 'location.share'],
      [this.photoBtn, 'photo.attach'],
      [this.sendBtn, 'send'],
    ] as const) {
      b.setAttribute('aria-label', t(L, k));
      b.title = t(L, k);
    }
    // Labels inside the log (who said it, copy and retry buttons) follow the language too.
    for (const el of this.log.querySelectorAll<HTMLElement>('[data-k]')) el.textContent = t(L, el.dataset.k!);
    for (const el of this.log.querySelectorAll<HTMLElement>('[data-ref]'))
      el.setAttribute('aria-label', t(L, 'reference.copyLabel', { reference: el.dataset.ref! }));
  }

  /** Use `lang` for every label from now on (remembered per site). */
  private setLang(lang: Lang): void {
    if (lang === this.lang) return;
    this.lang = lang;
    try {
      localStorage.setItem(`suara-webchat-lang:${this.o.site}`, lang);
    } catch {
      // storage blocked: the language is kept for this page only
    }
    this.chrome();
  }

  private toggle(open: boolean, focus = true): void {
    this.isOpen = open;
    this.panel.hidden = !open;
    this.root.classList.toggle('open', open);
    this.launcher.setAttribute('aria-expanded', String(open));
    try {
      sessionStorage.setItem(`suara-webchat-open:${this.o.site}`, open ? '1' : '0');
    } catch {
      // storage blocked
    }
    if (open) {
      this.unread = 0;
      this.badge.hidden = true;
      this.chrome();
      void this.client.start().then(() => this.openConsultation());
      if (focus) this.input.focus();
      this.log.scrollTop = this.log.scrollHeight;
    } else if (focus) this.launcher.focus();
  }

  /** Pass `data-consultation` to the bot once per tab: the same start payload as Telegram's `/start c-<id>`. */
  private openConsultation(): void {
    const id = this.o.consultation;
    const key = `suara-webchat-consultation:${this.o.site}`;
    try {
      if (!id || sessionStorage.getItem(key) === id) return;
      sessionStorage.setItem(key, id);
    } catch {
      // storage blocked: open it on every page
    }
    this.showTyping(20_000);
    void this.client.post({ type: 'event', name: 'start', value: { suara: { start: `c-${id}` } } });
  }

  private switchLanguage(): void {
    const command = t(this.lang, 'language.command');
    this.setLang(this.lang === 'ms' ? 'en' : 'ms');
    this.send({ type: 'message', text: command });
  }

  private onStatus(s: Status): void {
    this.connection = s;
    this.status.textContent = s === 'online' ? '' : t(this.lang, `status.${s}`);
  }

  private onActivities(acts: Act[]): void {
    for (const a of acts) {
      if (a.id && this.seen.has(a.id)) continue;
      if (a.id) this.seen.add(a.id);
      const mine = a.from?.role === 'user';
      if (a.type === 'typing') {
        if (!mine && Date.now() - Date.parse(a.timestamp ?? '') < 10_000) this.showTyping(5000);
        continue;
      }
      if (a.type !== 'message') continue;
      // The bot's reply says which language the conversation is in now (e.g. after the citizen typed "English").
      if (!mine && a.locale) this.setLang(toLang(a.locale, this.lang));
      const cid = a.channelData?.clientActivityID;
      const p = cid ? this.pending.get(cid) : undefined;
      if (p) {
        this.pending.delete(cid!);
        p.el.replaceWith(this.bubble(a, true));
        continue;
      }
      this.log.append(this.bubble(a, mine));
      if (!mine) {
        this.showTyping(0);
        this.renderActions(a);
        if (!this.isOpen) {
          this.unread++;
          this.badge.textContent = String(this.unread);
          this.badge.hidden = false;
          this.chrome();
        }
      }
    }
    this.log.scrollTop = this.log.scrollHeight;
  }

  private bubble(a: Act, mine: boolean): HTMLElement {
    const L = this.lang;
    const who = mine ? 'you' : 'bot';
    const el = h(
      'div',
      { class: `msg ${mine ? 'user' : 'bot'}` },
      h('span', { class: 'sr', 'data-k': who }, t(L, who)),
    );
    const label = a.channelData?.['suaraLabel'];
    if (typeof label === 'string' || a.text) {
      const p = h('p');
      linkify(p, typeof label === 'string' ? label : a.text!, (s) => this.references(p, s, !mine));
      el.append(p);
    }
    for (const att of a.attachments ?? []) {
      if (att.contentType === LOCATION)
        el.append(h('p', { class: 'loc' }, icon(ICONS.pin), t(L, 'location.sent')));
      else if (
        /^image\//.test(att.contentType) &&
        att.contentUrl &&
        /^(https?:|blob:)/.test(att.contentUrl)
      ) {
        el.append(h('img', { src: att.contentUrl, alt: att.name ?? t(L, 'photo.alt') }));
      }
    }
    return el;
  }

  /** Append `text` to `el` with each reference number unbroken and, in the bot's messages, a copy button. */
  private references(el: HTMLElement, text: string, copy: boolean): void {
    let last = 0;
    for (const m of text.matchAll(REFERENCE)) {
      const ref = m[0];
      el.append(text.slice(last, m.index), h('span', { class: 'ref' }, ref));
      last = m.index! + ref.length;
      if (!copy) continue;
      const b = h(
        'button',
        {
          type: 'button',
          class: 'copy',
          'data-k': 'reference.copy',
          'data-ref': ref,
          'aria-label': t(this.lang, 'reference.copyLabel', { reference: ref }),
        },
        t(this.lang, 'reference.copy'),
      );
      b.onclick = () =>
        copyText(ref, this.panel).then(
          () => {
            b.textContent = t(this.lang, 'reference.copied');
            b.classList.add('done');
            this.live.textContent = t(this.lang, 'reference.copiedLabel', { reference: ref });
            setTimeout(() => {
              b.textContent = t(this.lang, 'reference.copy');
              b.classList.remove('done');
            }, 3000);
          },
          () => this.note(t(this.lang, 'reference.copyFailed')),
        );
      el.append(' ', b);
    }
    el.append(text.slice(last));
  }

  private renderActions(a: Act): void {
    this.actions.replaceChildren();
    const ask = a.channelData?.suara?.ask;
    this.locBtn.classList.toggle('ask', ask === 'location');
    this.photoBtn.classList.toggle('ask', ask === 'photo');
    if (ask === 'location') this.addAction(t(this.lang, 'location.share'), () => this.shareLocation());
    if (ask === 'photo') this.addAction(t(this.lang, 'photo.attach'), () => this.file.click());
    for (const act of a.suggestedActions?.actions ?? []) {
      const value = String(act.value ?? act.title);
      this.addAction(act.title, () =>
        this.send({ type: 'message', text: value, channelData: { suaraLabel: act.title } }),
      );
    }
  }

  private addAction(title: string, run: () => void): void {
    const b = h('button', { type: 'button' }, title);
    b.onclick = () => {
      this.actions.replaceChildren();
      run();
      this.input.focus();
    };
    this.actions.append(b);
  }

  private showTyping(ms: number): void {
    clearTimeout(this.typingTimer);
    this.typing.hidden = ms === 0;
    if (ms) this.typingTimer = setTimeout(() => (this.typing.hidden = true), ms);
  }

  private sendText(text: string): void {
    if (!text) return;
    this.input.value = '';
    this.send({ type: 'message', text });
  }

  /** Show the message at once as pending, post it, and mark it failed (with a retry button) on error. */
  private send(act: Act, file?: Blob, name?: string): void {
    const cid = newId();
    act.channelData = { ...act.channelData, clientActivityID: cid };
    const el = this.bubble(
      file
        ? { ...act, attachments: [{ contentType: file.type, contentUrl: URL.createObjectURL(file), name }] }
        : act,
      true,
    );
    el.classList.add('pending');
    this.pending.set(cid, { el, act, file, name });
    this.log.append(el);
    this.log.scrollTop = this.log.scrollHeight;
    this.actions.replaceChildren();
    this.post(cid);
  }

  private post(cid: string): void {
    const p = this.pending.get(cid);
    if (!p) return;
    p.el.classList.remove('failed');
    p.el.querySelector('.retry')?.remove();
    this.showTyping(20_000);
    const done = p.file ? this.client.upload(p.file, p.name ?? 'photo.jpg', p.act) : this.client.post(p.act);
    done.then(
      () => p.el.classList.remove('pending'),
      (e: unknown) => {
        this.showTyping(0);
        if (!this.pending.has(cid)) return;
        p.el.classList.add('failed');
        const retry = h(
          'button',
          { type: 'button', class: 'retry', 'data-k': 'retry' },
          t(this.lang, 'retry'),
        );
        retry.onclick = () => this.post(cid);
        p.el.append(
          h(
            'span',
            { class: 'retry' },
            ' ',
            h('span', { 'data-k': 'notSent' }, t(this.lang, 'notSent')),
            retry,
          ),
        );
        if (e instanceof HttpError && e.status === 429) this.note(t(this.lang, 'rateLimited'));
        else if (p.file) this.note(t(this.lang, 'photo.failed'));
      },
    );
  }

  private note(text: string): HTMLElement {
    const el = h('div', { class: 'note' }, text);
    this.log.append(el);
    this.log.scrollTop = this.log.scrollHeight;
    return el;
  }

  private shareLocation(): void {
    const L = this.lang;
    if (!navigator.geolocation) return void this.note(t(L, 'location.unsupported'));
    // "Finding your location…" goes away once the browser answers.
    const locating = this.note(t(L, 'location.locating'));
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        locating.remove();
        this.send({
          type: 'message',
          attachments: [
            {
              contentType: LOCATION,
              content: { lat: pos.coords.latitude, lng: pos.coords.longitude, accuracy: pos.coords.accuracy },
            },
          ],
        });
      },
      () => {
        locating.remove();
        this.note(t(L, 'location.denied'));
      },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  }

  private sendPhoto(): void {
    const f = this.file.files?.[0];
    this.file.value = '';
    if (!f) return;
    preparePhoto(f).then(
      (blob) =>
        this.send(
          { type: 'message' },
          blob,
          f.name.replace(/\.\w+$/, '') + (blob.type === 'image/png' ? '.png' : '.jpg'),
        ),
      () => this.note(t(this.lang, 'photo.failed')),
    );
  }
}
