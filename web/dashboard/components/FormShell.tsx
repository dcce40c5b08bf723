/**
 * A small action form on the item: heading, fields, an alert for errors and a submit button. The action returns the
 * updated item and a message to announce; focus comes back to the submit button afterwards.
 */
import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { postJson, type ApiError } from '../api';
import { t } from '../i18n';
import { announce } from '../toast';
import type { Detail } from '../types';

/** What an action gives back. */
export interface ActionResult {
  record: Detail;
  message: string;
}

/** The API path of an action on one item, e.g. `/feedback/SRA-…/reply`. */
export const itemPath = (ref: string, action: string) => `/feedback/${encodeURIComponent(ref)}/${action}`;

/** Refuse the input: the error in the form's alert, focus on the field at fault; null, for the action to return. */
export function refuse(fail: (message: string) => void, field: HTMLElement, message: string): null {
  fail(message);
  field.focus();
  return null;
}

/**
 * Post an item action; once the updated item is back, `done` gives the message to announce (and does any clean-up,
 * such as emptying a field that was sent).
 */
export function postAction(
  path: string,
  body: unknown,
  done: (record: Detail) => string,
): Promise<ActionResult> {
  return postJson<Detail>(path, body).then((record) => ({ record, message: done(record) }));
}

/**
 * Post the text of a required textarea as `{ text }` to an item action (reply, internal note): a polite error and
 * focus when it is empty; cleared once sent.
 */
export function postText(
  field: HTMLTextAreaElement,
  fail: (message: string) => void,
  path: string,
  done: string,
): Promise<ActionResult> | null {
  const value = field.value.trim();
  if (!value) return refuse(fail, field, t('errors.TEXT_REQUIRED'));
  return postAction(path, { text: value }, () => {
    field.value = '';
    return done;
  });
}

/** The form's props. */
export interface FormShellProps {
  id: string;
  heading: string;
  submitLabel: string;
  /** Extra class (e.g. the internal-note style). */
  class?: string;
  /** Runs the action; return null (after `fail`) when the input is not valid. */
  action: (fail: (message: string) => void) => Promise<ActionResult> | null;
  onDone: (record: Detail) => void;
  children: ComponentChildren;
  /** More buttons beside the submit button. */
  extraButtons?: ComponentChildren;
}

/** An action form. */
export function FormShell(props: FormShellProps) {
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const submit = async (ev: Event) => {
    ev.preventDefault();
    setError('');
    const pending = props.action(setError);
    if (!pending) return;
    setBusy(true);
    try {
      const result = await pending;
      props.onDone(result.record);
      announce(result.message);
      setTimeout(() =>
        document.querySelector<HTMLButtonElement>(`#${props.id} button[type=submit]`)?.focus(),
      );
    } catch (e) {
      if ((e as ApiError).status !== 401) setError((e as ApiError).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      id={props.id}
      class={`card ${props.class ?? ''}`.trim()}
      aria-labelledby={`${props.id}-heading`}
      noValidate
      onSubmit={submit}
    >
      <h2 id={`${props.id}-heading`}>{props.heading}</h2>
      {props.children}
      <p id={`${props.id}-error`} class="error" role="alert">
        {error}
      </p>
      <div class="form-buttons">
        <button ref={button} type="submit" class="primary" disabled={busy}>
          {props.submitLabel}
        </button>
        {props.extraButtons}
      </div>
    </form>
  );
}
