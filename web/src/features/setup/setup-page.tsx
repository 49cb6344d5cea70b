import { Alert, Button, Form, Input } from 'antd';
import { useNavigate } from 'react-router';
import { errorText } from '../../api/client';
import { useSetup } from '../../api/session';
import { applyFieldErrors } from '../../components/form-errors';
import { useMessages } from '../../components/messages';
import { useT } from '../../i18n/i18n';
import { PublicLayout } from '../../layout/public-layout';
import { confirmRule, passwordRules } from '../auth/password-rules';

interface SetupForm {
  username: string;
  displayName: string;
  password: string;
  passwordConfirm: string;
}

export function SetupPage() {
  const t = useT();
  const [form] = Form.useForm<SetupForm>();
  const setup = useSetup();
  const { report } = useMessages();
  const navigate = useNavigate();

  const onFinish = ({ username, displayName, password }: SetupForm) => {
    setup.mutate(
      { username, displayName, password },
      {
        onSuccess: ({ user }) => {
          report({ type: 'success', text: t('setup.done', { name: user.displayName }) });
          navigate('/', { replace: true });
        },
        onError: (e) => {
          applyFieldErrors(form, e);
          report({ type: 'error', text: t('setup.failed', { reason: errorText(e) }) });
        },
      },
    );
  };

  return (
    <PublicLayout title={t('setup.title')}>
      <Alert type="info" showIcon title={t('setup.intro')} style={{ marginBottom: 16 }} />
      <Form<SetupForm> form={form} layout="vertical" onFinish={onFinish}>
        <Form.Item name="username" label={t('field.username')} rules={[{ required: true, message: t('common.required') }]}>
          <Input autoFocus autoComplete="username" id="setup-username" />
        </Form.Item>
        <Form.Item name="displayName" label={t('field.displayName')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input id="setup-displayName" />
        </Form.Item>
        <Form.Item name="password" label={t('field.password')} rules={passwordRules(t)}>
          <Input.Password autoComplete="new-password" id="setup-password" />
        </Form.Item>
        <Form.Item
          name="passwordConfirm"
          label={t('field.passwordConfirm')}
          dependencies={['password']}
          rules={[{ required: true, message: t('common.required') }, confirmRule(t, 'password')]}
        >
          <Input.Password autoComplete="new-password" id="setup-passwordConfirm" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={setup.isPending} data-testid="setup-submit">
          {t('setup.submit')}
        </Button>
      </Form>
    </PublicLayout>
  );
}
