/** Internal notes: staff-only remarks on the item, clearly marked as never sent to the citizen. */
import { useRef } from 'preact/hooks';
import { formatDate, t } from '../i18n';
import type { ActionProps } from './ActionForms';
import { Field } from './Fields';
import { FormShell, itemPath, postText } from './FormShell';

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
      action={(fail) => postText(text.current!, fail, itemPath(item.reference, 'notes'), t('ui.notes.done'))}
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
      <Field id="note-text" label={t('ui.notes.label')}>
        <textarea ref={text} id="note-text" name="text" maxLength={2000} aria-describedby="note-hint" />
        <span id="note-hint" class="hint">
          {t('ui.notes.hint')}
        </span>
      </Field>
    </FormShell>
  );
}
