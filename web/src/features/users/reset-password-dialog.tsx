import { useEffect } from 'react';
import { Form, Input, Modal } from 'antd';
import { errorText } from '../../api/client';
import type { User } from '../../api/types';
import { useResetPassword } from '../../api/users';
import { applyFieldErrors } from '../../components/form-errors';
import { useMessages } from '../../components/messages';
import { useT } from '../../i18n/i18n';
import { confirmRule, passwordRules } from '../auth/password-rules';

interface ResetForm {
  password: string;
  passwordConfirm: string;
}

export function ResetPasswordDialog({ user, onClose }: { user: User | null; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<ResetForm>();
  const reset = useResetPassword();
  const { report } = useMessages();

  useEffect(() => {
    if (user) form.resetFields();
  }, [user, form]);

  const onFinish = ({ password }: ResetForm) => {
    if (!user) return;
    reset.mutate(
      { id: user.id, password },
      {
        onSuccess: () => {
          report({ type: 'success', text: t('staff.passwordReset', { name: user.displayName }) });
          onClose();
        },
        onError: (e) => {
          applyFieldErrors(form, e);
          report({ type: 'error', text: t('staff.passwordResetFailed', { name: user.displayName, reason: errorText(e) }) });
        },
      },
    );
  };

  return (
    <Modal
      title={user ? t('staff.resetTitle', { name: user.displayName }) : ''}
      open={user !== null}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      confirmLoading={reset.isPending}
      forceRender
    >
      <Form<ResetForm> form={form} layout="vertical" onFinish={onFinish}>
        <Form.Item name="password" label={t('field.newPassword')} rules={passwordRules(t)}>
          <Input.Password autoComplete="new-password" id="reset-password" />
        </Form.Item>
        <Form.Item
          name="passwordConfirm"
          label={t('field.newPasswordConfirm')}
          dependencies={['password']}
          rules={[{ required: true, message: t('common.required') }, confirmRule(t, 'password')]}
        >
          <Input.Password autoComplete="new-password" id="reset-passwordConfirm" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
