/**
 * The labelled form fields every dashboard form is built from: `<div class="field">` holding a label and its control
 * (a select, an input, or any control given as children), and the select of bodies the admin forms share.
 */
import type { ComponentChildren, JSX, Ref } from 'preact';
import { pageData } from '../data';
import { lang } from '../i18n';

/** One choice of a select: its value and the label shown. */
export type Option = [value: string, label: string];

/** A label and the control it names (`id` is the control's id), in the form's field box. */
export function Field(props: {
  id: string;
  label: string;
  class?: string | undefined;
  children: ComponentChildren;
}) {
  return (
    <div class={props.class ?? 'field'}>
      <label for={props.id}>{props.label}</label>
      {props.children}
    </div>
  );
}

type SelectAttributes = Omit<
  JSX.SelectHTMLAttributes<HTMLSelectElement>,
  'id' | 'ref' | 'onChange' | 'label'
>;

/** A labelled select of `options`; `onValue` hears the value chosen, `selectRef` reaches the element. */
export function SelectField(
  props: {
    id: string;
    label: string;
    options: Option[];
    onValue?: (value: string) => void;
    selectRef?: Ref<HTMLSelectElement>;
  } & SelectAttributes,
) {
  const { id, label, options, onValue, selectRef, ...attributes } = props;
  return (
    <Field id={id} label={label}>
      <select
        ref={selectRef}
        id={id}
        onChange={onValue && ((e) => onValue((e.target as HTMLSelectElement).value))}
        {...attributes}
      >
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </Field>
  );
}

type InputAttributes = Omit<JSX.InputHTMLAttributes<HTMLInputElement>, 'id' | 'ref' | 'onInput' | 'label'>;

/**
 * A labelled input; `hint` adds a line under it (`<id>-hint`, which describes the input), `fieldClass` replaces the
 * field box's class, `onValue` hears every keystroke, `inputRef` reaches the element.
 */
export function InputField(
  props: {
    id: string;
    label: string;
    hint?: string;
    fieldClass?: string;
    onValue?: (value: string) => void;
    inputRef?: Ref<HTMLInputElement>;
  } & InputAttributes,
) {
  const { id, label, hint, fieldClass, onValue, inputRef, ...attributes } = props;
  return (
    <Field id={id} label={label} class={fieldClass}>
      <input
        ref={inputRef}
        id={id}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onInput={onValue && ((e) => onValue((e.target as HTMLInputElement).value))}
        {...attributes}
      />
      {hint ? (
        <span id={`${id}-hint`} class="hint">
          {hint}
        </span>
      ) : null}
    </Field>
  );
}

/** The bodies as select choices (their names in the dashboard's language). */
export function agencyOptions(): Option[] {
  return pageData().agencies.map((a): Option => [a.id, a.name[lang()]]);
}

/** A labelled select of the bodies, after the `first` choices (e.g. "choose", "all bodies"). */
export function AgencySelect(
  props: Omit<Parameters<typeof SelectField>[0], 'options'> & { first: Option[] },
) {
  const { first, ...rest } = props;
  return <SelectField {...rest} options={[...first, ...agencyOptions()]} />;
}
