/** Internal notes: staff-only remarks on the item, clearly marked as never sent to the citizen. */
import { useRef } from 'preact/hooks';
import { postJson } from '../api';
import { formatDate, t } from '../i18n';
import type { Detail } from '../types';
import type { ActionProps } from './ActionForms';
import { FormShell } from './FormShell';

/** The notes so far and the form to add one. */
export function InternalNotes({ item, onDone }: ActionProps) {
  const text = useRef<HTMLTextAreaElement>(null);
  const notes = item.notes ?? [];
  return (
    <FormShell
      id="note-form"
      class="internal"
      heading={t('ui.notes.heading')}
      submitLabel={t('ui.notes.submit')}
      onDone={onDone}
      action={(fail) => {
        const value = text.current!.value.trim();
        if (!value) {
          fail(t('errors.TEXT_REQUIRED'));
          text.current!.focus();
          return null;
        }
        const path = `/feedback/${encodeURIComponent(item.reference)}/notes`;
        return postJson<Detail>(path, { text: value }).then((record) => {
          text.current!.value = '';
          return { record, message: t('ui.notes.done') };
        });
      }}
    >
      <p class="internal-tag">{t('ui.notes.internal')}</p>
      {notes.length ? (
        <ol class="history notes">
          {notes.map((n) => (
            <li key={n.id}>
              <span class="muted">
                {n.by?.name ?? ''} · {formatDate(n.at)}
              </span>
              <div class="text">{n.text}</div>
            </li>
          ))}
        </ol>
      ) : (
        <p class="muted">{t('ui.notes.none')}</p>
      )}
      <div class="field">
        <label for="note-text">{t('ui.notes.label')}</label>
        <textarea ref={text} id="note-text" name="text" maxLength={2000} aria-describedby="note-hint" />
        <span id="note-hint" class="hint">
          {t('ui.notes.hint')}
        </span>
      </div>
    </FormShell>
  );
}
