/**
 * Working an item inside the body: assign it to an officer ("assign to me" in one press) and merge a duplicate into
 * the original (the duplicate's citizen then follows the original's updates).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { getJson } from '../api';
import { t } from '../i18n';
import { myId, useMe } from '../session';
import type { Person } from '../types';
import type { ActionProps } from './ActionForms';
import { InputField, SelectField, type Option } from './Fields';
import { FormShell, itemPath, postAction, refuse } from './FormShell';

/** Officers of the item's body (an admin asks for that body's; staff always get their own). */
function useOfficers(agencyId: string | null): Person[] {
  const [officers, setOfficers] = useState<Person[]>([]);
  useEffect(() => {
    const q = agencyId ? `?agency=${encodeURIComponent(agencyId)}` : '';
    getJson<Person[] | { officers: Person[] }>(`/officers${q}`).then(
      (r) => setOfficers(Array.isArray(r) ? r : r.officers),
      () => setOfficers([]),
    );
  }, [agencyId]);
  return officers;
}

/** Assign to an officer of the body (or to nobody). */
export function AssignOfficerForm({ item, onDone }: ActionProps) {
  const officers = useOfficers(item.agencyId);
  const me = useMe();
  const mine = myId(me);
  const [chosen, setChosen] = useState(item.assignee?.id ?? '');
  useEffect(() => setChosen(item.assignee?.id ?? ''), [item.assignee?.id]);
  const send = (staffId: string | null) =>
    postAction(itemPath(item.reference, 'assignee'), { staffId }, (record) =>
      record.assignee ? t('ui.assign.done', { name: record.assignee.name }) : t('ui.assign.doneNobody'),
    );
  // Set by the "assign to me" button, read by the submit that button triggers.
  const toMe = useRef(false);
  return (
    <FormShell
      id="assignee-form"
      heading={t('ui.assign.heading')}
      submitLabel={t('ui.assign.submit')}
      onDone={onDone}
      action={() => {
        // The API takes "me" for the signed-in officer.
        const who = toMe.current ? 'me' : chosen || null;
        toMe.current = false;
        return send(who);
      }}
      extraButtons={
        !mine || item.assignee?.id !== mine ? (
          <button type="submit" id="assign-me" onClick={() => (toMe.current = true)}>
            {t('ui.assign.me')}
          </button>
        ) : null
      }
    >
      <p class="muted">
        {item.assignee ? t('ui.assign.current', { name: item.assignee.name }) : t('ui.assign.currentNobody')}
      </p>
      <SelectField
        id="assignee-select"
        name="staffId"
        label={t('ui.assign.label')}
        value={chosen}
        onValue={setChosen}
        options={[
          ['', t('ui.assign.nobody')],
          ...officers.map((o): Option => [
            o.id,
            o.id === mine ? t('ui.assign.meOption', { name: o.name }) : o.name,
          ]),
        ]}
      />
    </FormShell>
  );
}

/** Merge this item (a duplicate) into the original; the view then shows the original. */
export function MergeForm({ item, onDone }: ActionProps) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <FormShell
      id="merge-form"
      heading={t('ui.merge.heading')}
      submitLabel={t('ui.merge.submit')}
      onDone={onDone}
      action={(fail) => {
        const into = input.current!.value.trim().toUpperCase();
        if (!into || into === item.reference) return refuse(fail, input.current!, t('ui.merge.invalid'));
        return postAction(itemPath(item.reference, 'merge'), { into }, (record) =>
          t('ui.merge.done', { reference: item.reference, original: record.reference }),
        );
      }}
    >
      <p id="merge-hint" class="hint">
        {t('ui.merge.hint')}
      </p>
      <InputField
        inputRef={input}
        id="merge-into"
        name="into"
        label={t('ui.merge.label')}
        type="text"
        maxLength={20}
        autoComplete="off"
        spellcheck={false}
        aria-describedby="merge-hint"
      />
    </FormShell>
  );
}
