/**
 * One item: facts, what the citizen sent, the transcript and history, internal notes, then the actions (status,
 * reply, assign to an officer, merge into an original; admins: give an unrouted item to a body).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { getJson, type ApiError } from '../api';
import { t, useLang } from '../i18n';
import { itemHref, lastInboxHref, navigate } from '../router';
import { isAdmin, useMe } from '../session';
import type { Detail } from '../types';
import { AssignAgencyForm, ReplyForm, StatusForm } from '../components/ActionForms';
import { ItemFacts } from '../components/ItemFacts';
import { ItemSections } from '../components/ItemSections';
import { InternalNotes } from '../components/Notes';
import { AssignOfficerForm, MergeForm } from '../components/WorkForms';

function Actions({ item, onDone }: { item: Detail; onDone: (r: Detail) => void }) {
  const me = useMe();
  const unrouted = !item.agencyId || item.routing?.state === 'unrouted';
  const inBody = !!item.agencyId && !unrouted;
  return (
    <div class="actions">
      <StatusForm key={`status-${item.status}`} item={item} onDone={onDone} />
      <ReplyForm item={item} onDone={onDone} />
      {inBody && item.assignee !== undefined ? <AssignOfficerForm item={item} onDone={onDone} /> : null}
      {inBody && !item.mergedInto ? <MergeForm item={item} onDone={onDone} /> : null}
      {isAdmin(me) && unrouted ? <AssignAgencyForm item={item} onDone={onDone} /> : null}
    </div>
  );
}

/** The item view for one reference. */
export function ItemView({ reference }: { reference: string }) {
  // The server words some parts (the route's why, names in the history) in the staff member's language: re-read on a switch.
  const language = useLang();
  const heading = useRef<HTMLHeadingElement>(null);
  const [item, setItem] = useState<Detail | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    let live = true;
    getJson<Detail>(`/feedback/${encodeURIComponent(reference)}`).then(
      (r) => {
        if (!live) return;
        setItem(r);
        heading.current?.focus();
      },
      (e: ApiError) => {
        if (!live || e.status === 401) return;
        setError(e.message);
        heading.current?.focus();
      },
    );
    return () => {
      live = false;
    };
  }, [reference, language]);

  // A merge answers with the original: show it under its own address.
  const updated = (r: Detail) => {
    if (r.reference !== reference) navigate(itemHref(r.reference));
    else setItem(r);
  };

  return (
    <section id="view-detail" aria-labelledby="detail-heading">
      <p>
        <a href={lastInboxHref()} id="back">
          {t('detail.back')}
        </a>
      </p>
      <h1 id="detail-heading" ref={heading} tabIndex={-1}>
        {t('detail.heading', { reference: item?.reference ?? reference })}
      </h1>
      <p id="detail-error" class="error" role="alert">
        {error}
      </p>
      {item ? (
        <div id="detail-body" class="item-layout">
          <div class="item-main">
            <ItemFacts item={item} />
            <ItemSections item={item} />
            {item.notes !== undefined ? <InternalNotes item={item} onDone={updated} /> : null}
          </div>
          <Actions item={item} onDone={updated} />
        </div>
      ) : null}
    </section>
  );
}
