import { lazy, Suspense, useState, type FormEvent, type ReactNode } from 'react';
import { Button, Input } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import { ApiError, errorText } from '../../api/client';
import { useLogin } from '../../api/session';
import { useMessages } from '../../components/messages';
import { useT } from '../../i18n/i18n';
import { PublicLayout } from '../../layout/public-layout';

// Shown only after a failed login.
const Alert = lazy(() => import('antd/es/alert'));

// A plain form, not antd's Form: the login page is on everyone's way in, and antd's Form (with
// its validator, a large part of the bundle budget) is needed on none of the pages that follow
// until a dialog opens. Two required fields need no more; the look follows antd's vertical form.

function Field({ id, label, error, children }: { id: string; label: string; error: string | null; children: ReactNode }) {
  return (
    <div className={`kehu-field${error ? ' kehu-field-has-error' : ''}`}>
      <label htmlFor={id} className="kehu-field-label">
        {label}
      </label>
      {children}
      {error && (
        <div className="kehu-field-error" role="alert" id={`${id}-error`}>
          {error}
        </div>
      )}
    </div>
  );
}

export function LoginPage() {
  const t = useT();
  const login = useLogin();
  const { report } = useMessages();
  const navigate = useNavigate();
  const location = useLocation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  // Whether a submit was tried: empty fields are marked from then on (as antd's Form does).
  const [tried, setTried] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const from = (location.state as { from?: string } | null)?.from;
  const required = (v: string) => (tried && v === '' ? t('common.required') : null);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (username === '' || password === '') return;
    setError(null);
    login.mutate(
      { username, password },
      {
        onSuccess: ({ user }) => {
          report({ type: 'success', text: t('login.done', { name: user.displayName }) });
          navigate(from && from !== '/login' ? from : '/', { replace: true });
        },
        onError: (e) => {
          const reason =
            e instanceof ApiError && e.status === 429 && e.retryAfterSeconds !== null
              ? t('login.rateLimited', { seconds: Math.max(1, Math.ceil(e.retryAfterSeconds)) })
              : errorText(e);
          setError(reason);
          report({ type: 'error', text: t('login.failed', { reason }) });
          setPassword('');
          setTried(false);
        },
      },
    );
  };

  const userError = required(username);
  const passwordError = required(password);
  return (
    <PublicLayout title={t('login.title')}>
      {error && (
        <Suspense fallback={null}>
          <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />
        </Suspense>
      )}
      <form onSubmit={onSubmit} noValidate autoComplete="on">
        <Field id="login-username" label={t('field.username')} error={userError}>
          <Input
            autoFocus
            autoComplete="username"
            id="login-username"
            name="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            status={userError ? 'error' : undefined}
            aria-invalid={!!userError}
          />
        </Field>
        <Field id="login-password" label={t('field.password')} error={passwordError}>
          <Input.Password
            autoComplete="current-password"
            id="login-password"
            name="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            status={passwordError ? 'error' : undefined}
            aria-invalid={!!passwordError}
          />
        </Field>
        <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
          {t('login.submit')}
        </Button>
      </form>
    </PublicLayout>
  );
}
