import { useState } from 'react';
import { Alert, Button, Form, Input } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import { ApiError, errorText } from '../../api/client';
import { useLogin } from '../../api/session';
import { useMessages } from '../../components/messages';
import { useT } from '../../i18n/i18n';
import { PublicLayout } from '../../layout/public-layout';

interface LoginForm {
  username: string;
  password: string;
}

export function LoginPage() {
  const t = useT();
  const [form] = Form.useForm<LoginForm>();
  const login = useLogin();
  const { report } = useMessages();
  const navigate = useNavigate();
  const location = useLocation();
  const [error, setError] = useState<string | null>(null);
  const from = (location.state as { from?: string } | null)?.from;

  const onFinish = (values: LoginForm) => {
    setError(null);
    login.mutate(values, {
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
        form.setFieldValue('password', '');
      },
    });
  };

  return (
    <PublicLayout title={t('login.title')}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
      <Form<LoginForm> form={form} layout="vertical" onFinish={onFinish} requiredMark={false} autoComplete="on">
        <Form.Item name="username" label={t('field.username')} rules={[{ required: true, message: t('common.required') }]}>
          <Input autoFocus autoComplete="username" id="login-username" />
        </Form.Item>
        <Form.Item name="password" label={t('field.password')} rules={[{ required: true, message: t('common.required') }]}>
          <Input.Password autoComplete="current-password" id="login-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
          {t('login.submit')}
        </Button>
      </Form>
    </PublicLayout>
  );
}
