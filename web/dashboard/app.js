/*
 * Longer than our ~300-line guide on purpose: the page has no build step and loads exactly one script (strict CSP,
 * no external assets), so the three views live here in clearly marked sections (chrome, login, list, detail, routing).
 *
 * Suara staff dashboard: a small no-framework page. Strings come from the JSON the server embeds (both languages);
 * every piece of record data is written with textContent, never as HTML. Views: login, list, detail (#/feedback/REF).
 */
(function () {
  'use strict';

  var DATA = JSON.parse(document.getElementById('suara-data').textContent);
  var LANG_KEY = 'suara.dashboard.lang';
  var lang = readStoredLang() || DATA.lang;
  var state = {
    me: null,
    filters: { status: '', category: '', agency: '', q: '' },
    page: 1,
    list: null,
    detail: null,
  };

  function $(id) {
    return document.getElementById(id);
  }

  function readStoredLang() {
    try {
      var v = window.localStorage.getItem(LANG_KEY);
      return v === 'en' || v === 'ms' ? v : null;
    } catch (e) {
      return null;
    }
  }

  function lookup(obj, path) {
    return path.split('.').reduce(function (o, k) {
      return o && typeof o === 'object' ? o[k] : undefined;
    }, obj);
  }

  /** A dashboard string in the current language (English when missing), with {{placeholders}} filled. */
  function t(key, vars) {
    var s = lookup(DATA.strings[lang].dashboard, key);
    if (typeof s !== 'string') s = lookup(DATA.strings.en.dashboard, key);
    if (typeof s !== 'string') return key;
    return s.replace(/\{\{\s*(\w+)\s*\}\}/g, function (_m, name) {
      return vars && vars[name] !== undefined ? String(vars[name]) : '';
    });
  }

  function tCount(key, count) {
    return t(key + (count === 1 ? '_one' : '_other'), { count: count });
  }

  function category(id) {
    return DATA.strings[lang].categories[id] || id;
  }

  function agencyLabel(id) {
    if (!id) return t('list.unassigned');
    var a = DATA.agencies.filter(function (x) {
      return x.id === id;
    })[0];
    return a ? a.name[lang] : id;
  }

  function formatDate(value) {
    if (!value) return '';
    var d = new Date(value);
    try {
      return new Intl.DateTimeFormat(lang === 'ms' ? 'ms-MY' : 'en-MY', {
        dateStyle: 'medium',
        timeStyle: 'short',
        timeZone: 'Asia/Kuala_Lumpur',
      }).format(d);
    } catch (e) {
      return d.toISOString();
    }
  }

  /** The deadline that matters now: to acknowledge until it is done, then to resolve. */
  function nextDue(d) {
    var ackOpen = d.acknowledge === 'open' || d.acknowledge === 'dueSoon' || d.acknowledge === 'overdue';
    return ackOpen
      ? t('deadline.acknowledgeDue', { at: formatDate(d.acknowledgeBy) })
      : t('deadline.resolveDue', { at: formatDate(d.resolveBy) });
  }

  /** The overdue / due-soon badge of a deadline, or null. */
  function deadlineBadge(d) {
    if (!d || !d.flag) return null;
    return el('span', { className: 'badge d-' + d.flag, text: t('deadline.' + d.flag) });
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') node.textContent = attrs[k];
      else if (k === 'className') node.className = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) {
      if (c) node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    });
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function option(value, label, selected) {
    var o = el('option', { value: value, text: label });
    if (selected) o.selected = true;
    return o;
  }

  function csrfToken() {
    var m = document.cookie.match(/(?:^|;\s*)suara_csrf=([^;]*)/);
    return m ? decodeURIComponent(m[1]) : '';
  }

  /** Call the API; resolves with the JSON body, rejects with {status, code, message}. */
  function api(method, path, body) {
    var headers = { Accept: 'application/json', 'Accept-Language': lang };
    if (method !== 'GET') {
      headers['Content-Type'] = 'application/json';
      headers['X-CSRF-Token'] = csrfToken();
    }
    return fetch('/dashboard/api' + path, {
      method: method,
      headers: headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    }).then(
      function (res) {
        return res.json().then(
          function (json) {
            if (res.ok) return json;
            var e = (json && json.error) || {};
            return Promise.reject({
              status: res.status,
              code: e.code || 'INTERNAL',
              message: e.message || t('errors.INTERNAL'),
            });
          },
          function () {
            return Promise.reject({ status: res.status, code: 'INTERNAL', message: t('errors.INTERNAL') });
          },
        );
      },
      function () {
        return Promise.reject({ status: 0, code: 'NETWORK', message: t('errors.NETWORK') });
      },
    );
  }

  /** Errors in the current language: our own message for codes we know, else the server's. */
  function messageOf(err) {
    var local = lookup(DATA.strings[lang].dashboard, 'errors.' + err.code);
    return err.code === 'BODY_INVALID' || err.code === 'LOGIN_RATE_LIMITED' || typeof local !== 'string'
      ? err.message
      : local;
  }

  function handleAuthError(err) {
    if (err.status === 401) {
      state.me = null;
      showLogin(messageOf(err));
      return true;
    }
    return false;
  }

  var toastTimer;
  function announce(text) {
    var toast = $('toast');
    toast.textContent = text;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () {
      toast.textContent = '';
    }, 6000);
  }

  function show(view) {
    ['view-login', 'view-list', 'view-detail'].forEach(function (id) {
      $(id).hidden = id !== view;
    });
  }

  /* ---------- chrome and language ---------- */

  function applyChrome() {
    document.documentElement.lang = lang;
    document.title = t('title');
    Array.prototype.forEach.call(document.querySelectorAll('[data-i18n]'), function (node) {
      node.textContent = t(node.getAttribute('data-i18n'));
    });
    var other = lang === 'ms' ? 'en' : 'ms';
    var sw = $('lang-switch');
    sw.textContent = t('switchLanguage');
    sw.setAttribute('lang', other);
    sw.setAttribute('aria-label', t('switchLanguageLabel'));
    var who = $('who');
    if (state.me) {
      var where =
        state.me.role === 'admin' ? t('header.admin') : state.me.agencyName ? state.me.agencyName[lang] : '';
      who.textContent = t('header.signedInAs', { email: state.me.email }) + (where ? ' · ' + where : '');
    } else who.textContent = '';
    $('logout').hidden = !state.me;
    fillFilterSelects();
  }

  function fillFilterSelects() {
    var f = state.filters;
    var s = $('f-status');
    clear(s);
    s.appendChild(option('', t('filters.any'), !f.status));
    DATA.statuses.forEach(function (st) {
      s.appendChild(option(st, t('status.' + st), f.status === st));
    });
    var c = $('f-category');
    clear(c);
    c.appendChild(option('', t('filters.any'), !f.category));
    DATA.categories.forEach(function (id) {
      c.appendChild(option(id, category(id), f.category === id));
    });
    var isAdmin = !!state.me && state.me.role === 'admin';
    $('f-agency-field').hidden = !isAdmin;
    var a = $('f-agency');
    clear(a);
    a.appendChild(option('', t('filters.allAgencies'), !f.agency));
    a.appendChild(option('unrouted', t('filters.unrouted'), f.agency === 'unrouted'));
    DATA.agencies.forEach(function (ag) {
      a.appendChild(option(ag.id, ag.name[lang], f.agency === ag.id));
    });
    $('f-q').value = f.q;
  }

  $('lang-switch').addEventListener('click', function () {
    lang = lang === 'ms' ? 'en' : 'ms';
    try {
      window.localStorage.setItem(LANG_KEY, lang);
    } catch (e) {
      /* private mode: the choice lasts for this page only */
    }
    applyChrome();
    if (!$('view-list').hidden && state.list) renderList();
    if (!$('view-detail').hidden && state.detail) renderDetail();
  });

  /* ---------- login ---------- */

  function showLogin(message) {
    applyChrome();
    show('view-login');
    $('login-error').textContent = message || '';
    $('login-email').focus();
  }

  $('login-form').addEventListener('submit', function (ev) {
    ev.preventDefault();
    var button = ev.target.querySelector('button[type=submit]');
    var email = $('login-email').value.trim();
    var password = $('login-password').value;
    $('login-error').textContent = '';
    if (!email || !password) {
      $('login-error').textContent = t('errors.LOGIN_FAILED');
      return;
    }
    button.disabled = true;
    button.textContent = t('login.busy');
    api('POST', '/login', { email: email, password: password })
      .then(function (res) {
        $('login-password').value = '';
        state.me = res.staff;
        state.page = 1;
        applyChrome();
        if (/^#\/feedback\//.test(location.hash)) route();
        else {
          history.replaceState(null, '', '#/');
          loadList(true);
        }
      })
      .catch(function (err) {
        $('login-error').textContent = messageOf(err);
        $('login-password').focus();
      })
      .then(function () {
        button.disabled = false;
        button.textContent = t('login.submit');
      });
  });

  $('logout').addEventListener('click', function () {
    api('POST', '/logout', {})
      .catch(function () {
        /* signed out either way */
      })
      .then(function () {
        state.me = null;
        state.list = null;
        state.detail = null;
        showLogin('');
      });
  });

  /* ---------- list ---------- */

  function loadList(focusHeading) {
    show('view-list');
    $('list-error').textContent = '';
    $('list-count').textContent = t('list.loading');
    var f = state.filters;
    var q = new URLSearchParams();
    ['status', 'category', 'agency', 'q'].forEach(function (k) {
      if (f[k]) q.set(k, f[k]);
    });
    q.set('page', String(state.page));
    loadDeadlineCounts();
    api('GET', '/feedback?' + q.toString())
      .then(function (res) {
        state.list = res;
        renderList();
        if (focusHeading) $('list-heading').focus();
      })
      .catch(function (err) {
        if (handleAuthError(err)) return;
        $('list-count').textContent = '';
        $('list-error').textContent = messageOf(err);
      });
  }

  /** The counts line; for an admin looking at every body, the five bodies with the most overdue items too. */
  function deadlineCountsText(c) {
    var text = t('deadline.counts', c);
    var byAgency = c.byAgency || {};
    var ids = Object.keys(byAgency).filter(function (id) {
      return byAgency[id].overdue > 0;
    });
    if (ids.length < 2) return text;
    ids.sort(function (a, b) {
      return byAgency[b].overdue - byAgency[a].overdue;
    });
    var list = ids.slice(0, 5).map(function (id) {
      return (id === 'unrouted' ? t('filters.unrouted') : agencyLabel(id)) + ' ' + byAgency[id].overdue;
    });
    return text + ' · ' + t('deadline.byAgency', { list: list.join(', ') });
  }

  /** Today's overdue / due-soon / open counts of the body (a line under the count; quiet when it fails). */
  function loadDeadlineCounts() {
    var line = $('deadline-counts');
    if (!line) {
      line = el('p', { id: 'deadline-counts', className: 'muted' });
      $('list-count').parentNode.insertBefore(line, $('list-count').nextSibling);
    }
    var q = state.filters.agency ? '?agency=' + encodeURIComponent(state.filters.agency) : '';
    api('GET', '/deadlines' + q).then(
      function (c) {
        state.deadlineCounts = c;
        line.textContent = deadlineCountsText(c);
      },
      function () {
        line.textContent = '';
      },
    );
  }

  function renderList() {
    if (state.deadlineCounts && $('deadline-counts'))
      $('deadline-counts').textContent = deadlineCountsText(state.deadlineCounts);
    var res = state.list;
    var items = $('items');
    clear(items);
    $('list-count').textContent = res.total ? tCount('list.count', res.total) : t('list.empty');
    res.items.forEach(function (it) {
      var top = el('span', { className: 'item-top' }, [
        el('span', { className: 'ref', text: it.reference }),
        el('span', { className: 'badge s-' + it.status, text: t('status.' + it.status) }),
        el('span', { text: t('type.' + it.type) + ' · ' + category(it.category) }),
        el('span', { className: 'muted', text: formatDate(it.createdAt) }),
        deadlineBadge(it.deadline),
      ]);
      var extra = [];
      if (state.me && state.me.role === 'admin') extra.push(agencyLabel(it.agencyId));
      if (it.place) extra.push(it.place);
      if (it.supporters > 0) extra.push(tCount('list.supporters', it.supporters));
      if (it.deadline && it.deadline.resolve !== 'met' && it.deadline.resolve !== 'missed')
        extra.push(nextDue(it.deadline));
      var link = el(
        'a',
        {
          className: 'item',
          href: '#/feedback/' + encodeURIComponent(it.reference),
          'data-ref': it.reference,
        },
        [
          top,
          el('p', { className: 'excerpt', text: it.excerpt }),
          extra.length ? el('p', { className: 'muted excerpt', text: extra.join(' · ') }) : null,
        ],
      );
      items.appendChild(el('li', {}, [link]));
    });
    var pager = $('pager');
    pager.hidden = res.pages <= 1;
    pager.setAttribute('aria-label', t('list.pagination'));
    $('page-label').textContent = t('list.page', { page: res.page, pages: res.pages });
    $('prev').disabled = res.page <= 1;
    $('next').disabled = res.page >= res.pages;
  }

  $('filters').addEventListener('submit', function (ev) {
    ev.preventDefault();
    state.filters = {
      status: $('f-status').value,
      category: $('f-category').value,
      agency: state.me && state.me.role === 'admin' ? $('f-agency').value : '',
      q: $('f-q').value.trim(),
    };
    state.page = 1;
    loadList(false);
  });
  $('prev').addEventListener('click', function () {
    state.page = Math.max(1, state.page - 1);
    loadList(true);
  });
  $('next').addEventListener('click', function () {
    state.page += 1;
    loadList(true);
  });

  /* ---------- detail ---------- */

  function loadDetail(reference) {
    show('view-detail');
    $('detail-error').textContent = '';
    $('detail-heading').textContent = t('detail.heading', { reference: reference });
    clear($('detail-body'));
    api('GET', '/feedback/' + encodeURIComponent(reference))
      .then(function (rec) {
        state.detail = rec;
        renderDetail();
        $('detail-heading').focus();
      })
      .catch(function (err) {
        if (handleAuthError(err)) return;
        state.detail = null;
        $('detail-error').textContent = messageOf(err);
        $('detail-heading').focus();
      });
  }

  function fact(label, value) {
    return [el('dt', { text: label }), el('dd', {}, [typeof value === 'string' ? value : value])];
  }

  function deadlineFact(label, at, stage) {
    var text = t('deadline.value', { at: formatDate(at), stage: t('deadline.stage.' + stage) });
    var flagged = stage === 'overdue' || stage === 'dueSoon';
    return fact(label, flagged ? el('span', { className: 'badge d-' + stage, text: text }) : text);
  }

  function renderDetail() {
    var r = state.detail;
    var body = $('detail-body');
    clear(body);
    $('detail-heading').textContent = t('detail.heading', { reference: r.reference });
    var loc = [];
    if (r.location) {
      if (r.location.text) loc.push(r.location.text);
      if (r.location.place && r.location.place !== r.location.text) loc.push(r.location.place);
      if (r.location.postcode) loc.push(t('detail.postcode', { postcode: r.location.postcode }));
    }
    var facts = [].concat(
      fact(
        t('detail.status'),
        el('span', { className: 'badge s-' + r.status, text: t('status.' + r.status) }),
      ),
      fact(t('detail.type'), t('type.' + r.type)),
      fact(t('detail.category'), category(r.category)),
      fact(t('detail.agency'), agencyLabel(r.agencyId)),
      fact(t('detail.received'), formatDate(r.createdAt)),
      r.deadline
        ? deadlineFact(t('deadline.acknowledgeBy'), r.deadline.acknowledgeBy, r.deadline.acknowledge)
        : [],
      r.deadline ? deadlineFact(t('deadline.resolveBy'), r.deadline.resolveBy, r.deadline.resolve) : [],
      fact(t('detail.updated'), formatDate(r.updatedAt)),
      fact(t('detail.language'), t('languages.' + r.language)),
      loc.length ? fact(t('detail.location'), loc.join(' · ')) : [],
      fact(t('detail.routing'), r.routing ? r.routing.reason : ''),
      fact(
        t('detail.delivery'),
        t('detail.deliveryValue', {
          state:
            t('deliveryState.' + r.delivery.state) +
            (r.delivery.via ? ' · ' + t('deliveryVia.' + r.delivery.via) : ''),
          attempts: r.delivery.attempts,
        }),
      ),
      r.rating ? fact(t('detail.rating'), t('detail.ratingValue', { score: r.rating.score })) : [],
      r.supporters > 0 ? fact(t('detail.supporters'), tCount('list.supporters', r.supporters)) : [],
    );
    body.appendChild(el('dl', { className: 'facts card' }, facts));

    body.appendChild(el('h2', { text: t('detail.description') }));
    body.appendChild(el('p', { className: 'text card', lang: r.language, text: r.text }));

    if (r.rating && r.rating.comment) {
      body.appendChild(el('h2', { text: t('detail.ratingComment') }));
      body.appendChild(el('p', { className: 'text card rating-comment', text: r.rating.comment }));
    }

    if (r.attachments && r.attachments.length) {
      body.appendChild(el('h2', { text: t('detail.attachments') }));
      body.appendChild(
        el(
          'ul',
          {},
          r.attachments.map(function (a) {
            var name = a.name || a.contentType;
            return el('li', {}, [
              a.url
                ? el('a', { href: a.url, rel: 'noopener noreferrer', target: '_blank', text: name })
                : t('detail.attachmentNoLink', { name: name }),
            ]);
          }),
        ),
      );
    }

    body.appendChild(el('h2', { text: t('detail.contact') }));
    if (r.contact) {
      var c = [];
      if (r.contact.name) c = c.concat(fact(t('detail.contactName'), r.contact.name));
      if (r.contact.phone) c = c.concat(fact(t('detail.contactPhone'), r.contact.phone));
      if (r.contact.email) c = c.concat(fact(t('detail.contactEmail'), r.contact.email));
      body.appendChild(el('dl', { className: 'facts' }, c));
    } else
      body.appendChild(
        el('p', { className: 'muted', text: r.anonymous ? t('detail.anonymous') : t('detail.noConsent') }),
      );

    body.appendChild(el('h2', { text: t('detail.history') }));
    body.appendChild(
      el(
        'ol',
        { className: 'history' },
        r.statusHistory.map(function (h) {
          var line = t('detail.historyEntry', { status: t('status.' + h.status), at: formatDate(h.at) });
          if (h.by) line += ' ' + t('detail.by', { by: h.by });
          return el('li', {}, [line, h.note ? el('div', { className: 'text muted', text: h.note }) : null]);
        }),
      ),
    );

    body.appendChild(el('h2', { text: t('detail.replies') }));
    if (r.replies.length) {
      body.appendChild(
        el(
          'ol',
          { className: 'history' },
          r.replies.map(function (rep) {
            return el('li', {}, [
              el('span', { className: 'muted', text: formatDate(rep.at) }),
              el('div', { className: 'text', text: rep.text }),
            ]);
          }),
        ),
      );
    } else body.appendChild(el('p', { className: 'muted', text: t('detail.noReplies') }));

    var actions = el('div', { className: 'actions' });
    actions.appendChild(statusForm(r));
    actions.appendChild(replyForm(r));
    if (
      state.me &&
      state.me.role === 'admin' &&
      (!r.agencyId || (r.routing && r.routing.state === 'unrouted'))
    ) {
      actions.appendChild(assignForm(r));
    }
    body.appendChild(actions);
  }

  function formShell(id, heading, fields, submitLabel, onSubmit) {
    var error = el('p', { className: 'error', role: 'alert', id: id + '-error' });
    var button = el('button', { type: 'submit', className: 'primary', text: submitLabel });
    var form = el(
      'form',
      { id: id, className: 'card', 'aria-labelledby': id + '-heading', novalidate: '' },
      [el('h2', { id: id + '-heading', text: heading })].concat(fields, [error, button]),
    );
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      error.textContent = '';
      var req = onSubmit(error);
      if (!req) return;
      button.disabled = true;
      req
        .then(function (result) {
          state.detail = result.record;
          renderDetail();
          announce(result.message);
          var again = $(id);
          if (again) again.querySelector('button[type=submit]').focus();
        })
        .catch(function (err) {
          if (handleAuthError(err)) return;
          button.disabled = false;
          error.textContent = messageOf(err);
        });
    });
    return form;
  }

  function statusForm(r) {
    var select = el('select', { id: 'status-select', name: 'status' });
    if (DATA.settable.indexOf(r.status) < 0) select.appendChild(option('', t('statusForm.choose'), true));
    DATA.settable.forEach(function (st) {
      select.appendChild(option(st, t('status.' + st), st === r.status));
    });
    var note = el('textarea', { id: 'status-note', name: 'note', maxlength: '2000' });
    var fields = [
      el('div', { className: 'field' }, [
        el('label', { for: 'status-select', text: t('statusForm.status') }),
        select,
      ]),
      el('div', { className: 'field' }, [
        el('label', { for: 'status-note', text: t('statusForm.note') }),
        note,
      ]),
    ];
    return formShell(
      'status-form',
      t('statusForm.heading'),
      fields,
      t('statusForm.submit'),
      function (error) {
        var status = select.value;
        if (!status) {
          error.textContent = t('errors.STATUS_INVALID');
          select.focus();
          return null;
        }
        return api('POST', '/feedback/' + encodeURIComponent(r.reference) + '/status', {
          status: status,
          note: note.value.trim() || undefined,
        }).then(function (rec) {
          return { record: rec, message: t('statusForm.done', { status: t('status.' + status) }) };
        });
      },
    );
  }

  function replyForm(r) {
    var text = el('textarea', { id: 'reply-text', name: 'text', maxlength: '2000', required: '' });
    var fields = [
      el('div', { className: 'field' }, [
        el('label', { for: 'reply-text', text: t('replyForm.text') }),
        text,
      ]),
    ];
    return formShell('reply-form', t('replyForm.heading'), fields, t('replyForm.submit'), function (error) {
      if (!text.value.trim()) {
        error.textContent = t('errors.TEXT_REQUIRED');
        text.focus();
        return null;
      }
      return api('POST', '/feedback/' + encodeURIComponent(r.reference) + '/reply', {
        text: text.value.trim(),
      }).then(function (rec) {
        return { record: rec, message: t('replyForm.done') };
      });
    });
  }

  function assignForm(r) {
    var select = el('select', { id: 'assign-select', name: 'agencyId' });
    select.appendChild(option('', t('assignForm.choose'), true));
    DATA.agencies.forEach(function (a) {
      select.appendChild(option(a.id, a.name[lang], false));
    });
    var fields = [
      el('div', { className: 'field' }, [
        el('label', { for: 'assign-select', text: t('assignForm.agency') }),
        select,
      ]),
    ];
    return formShell(
      'assign-form',
      t('assignForm.heading'),
      fields,
      t('assignForm.submit'),
      function (error) {
        var agencyId = select.value;
        if (!agencyId) {
          error.textContent = t('errors.AGENCY_UNKNOWN');
          select.focus();
          return null;
        }
        return api('POST', '/feedback/' + encodeURIComponent(r.reference) + '/assign', {
          agencyId: agencyId,
        }).then(function (rec) {
          return { record: rec, message: t('assignForm.done', { agency: agencyLabel(agencyId) }) };
        });
      },
    );
  }

  /* ---------- routing ---------- */

  function route() {
    if (!state.me) return;
    var m = location.hash.match(/^#\/feedback\/([^/?#]+)$/);
    if (m) loadDetail(decodeURIComponent(m[1]));
    else {
      state.detail = null;
      if (state.list && !$('view-detail').hidden) {
        show('view-list');
        renderList();
        $('list-heading').focus();
      } else loadList(false);
    }
  }

  window.addEventListener('hashchange', route);

  applyChrome();
  api('GET', '/me')
    .then(function (res) {
      state.me = res.staff;
      applyChrome();
      route();
    })
    .catch(function (err) {
      showLogin(err.status === 401 ? '' : messageOf(err));
    });
})();
