/** The sign-in form: email and password, errors in an alert, focus on the email field. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { postJson, type ApiError } from '../api';
import { t } from '../i18n';
import type { Me } from '../types';
import { InputField } from '../components/Fields';

/** Sign-in view. */
export function LoginView({ message, onSignedIn }: { message: string; onSignedIn: (me: Me) => void }) {
  const [error, setError] = useState(message);
  const [busy, setBusy] = useState(false);
  const email = useRef<HTMLInputElement>(null);
  const password = useRef<HTMLInputElement>(null);
  useEffect(() => email.current?.focus(), []);
  useEffect(() => setError(message), [message]);

  const submit = async (ev: Event) => {
    ev.preventDefault();
    const e = email.current!.value.trim();
    const p = password.current!.value;
    setError('');
    if (!e || !p) {
      setError(t('errors.LOGIN_FAILED'));
      return;
    }
    setBusy(true);
    try {
      const r = await postJson<{ staff: Me }>('/login', { email: e, password: p });
      password.current!.value = '';
      onSignedIn(r.staff);
    } catch (err) {
      setError((err as ApiError).message);
      setBusy(false);
      password.current?.focus();
    }
  };

  return (
    <section id="view-login" class="card narrow" aria-labelledby="login-heading">
      <h1 id="login-heading">{t('login.heading')}</h1>
      <p>{t('login.intro')}</p>
      <form id="login-form" noValidate onSubmit={submit}>
        <InputField
          inputRef={email}
          id="login-email"
          name="email"
          label={t('login.email')}
          type="email"
          autoComplete="username"
          required
        />
        <InputField
          inputRef={password}
          id="login-password"
          name="password"
          label={t('login.password')}
          type="password"
          autoComplete="current-password"
          required
        />
        <p id="login-error" class="error" role="alert">
          {error}
        </p>
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('login.busy') : t('login.submit')}
        </button>
      </form>
    </section>
  );
}
