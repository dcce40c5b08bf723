/** The item's everyday actions: change the status (with a note to the citizen), reply, and (admins) assign a body. */
import { useRef, useState } from 'preact/hooks';
import { pageData } from '../data';
import { agencyName, t } from '../i18n';
import type { Detail } from '../types';
import { AgencySelect, Field, SelectField, type Option } from './Fields';
import { FormShell, itemPath, postAction, postText, refuse } from './FormShell';

/** Props of every action form. */
export interface ActionProps {
  item: Detail;
  onDone: (record: Detail) => void;
}

/** Change the status. */
export function StatusForm({ item, onDone }: ActionProps) {
  const select = useRef<HTMLSelectElement>(null);
  const note = useRef<HTMLTextAreaElement>(null);
  const settable = pageData().settable;
  const [chosen, setChosen] = useState(settable.includes(item.status) ? item.status : '');
  return (
    <FormShell
      id="status-form"
      heading={t('statusForm.heading')}
      submitLabel={t('statusForm.submit')}
      onDone={onDone}
      action={(fail) => {
        const status = chosen;
        if (!status) return refuse(fail, select.current!, t('errors.STATUS_INVALID'));
        const text = note.current!.value.trim();
        return postAction(itemPath(item.reference, 'status'), { status, note: text || undefined }, () => {
          note.current!.value = '';
          return t('statusForm.done', { status: t(`status.${status}`) });
        });
      }}
    >
      <SelectField
        selectRef={select}
        id="status-select"
        name="status"
        label={t('statusForm.status')}
        value={chosen}
        onValue={setChosen}
        options={[
          ...(settable.includes(item.status) ? [] : [['', t('statusForm.choose')] as Option]),
          ...settable.map((s): Option => [s, t(`status.${s}`)]),
        ]}
      />
      <Field id="status-note" label={t('statusForm.note')}>
        <textarea ref={note} id="status-note" name="note" maxLength={2000} />
      </Field>
    </FormShell>
  );
}

/** Reply to the citizen. */
export function ReplyForm({ item, onDone }: ActionProps) {
  const text = useRef<HTMLTextAreaElement>(null);
  return (
    <FormShell
      id="reply-form"
      heading={t('replyForm.heading')}
      submitLabel={t('replyForm.submit')}
      onDone={onDone}
      action={(fail) => postText(text.current!, fail, itemPath(item.reference, 'reply'), t('replyForm.done'))}
    >
      <Field id="reply-text" label={t('replyForm.text')}>
        <textarea ref={text} id="reply-text" name="text" maxLength={2000} required />
      </Field>
    </FormShell>
  );
}

/** Admins: give an item that could not be routed to a body. */
export function AssignAgencyForm({ item, onDone }: ActionProps) {
  const select = useRef<HTMLSelectElement>(null);
  return (
    <FormShell
      id="assign-form"
      heading={t('assignForm.heading')}
      submitLabel={t('assignForm.submit')}
      onDone={onDone}
      action={(fail) => {
        const agencyId = select.current!.value;
        if (!agencyId) return refuse(fail, select.current!, t('errors.AGENCY_UNKNOWN'));
        return postAction(itemPath(item.reference, 'assign'), { agencyId }, () =>
          t('assignForm.done', { agency: agencyName(agencyId) }),
        );
      }}
    >
      <AgencySelect
        selectRef={select}
        id="assign-select"
        name="agencyId"
        label={t('assignForm.agency')}
        first={[['', t('assignForm.choose')]]}
      />
    </FormShell>
  );
}
