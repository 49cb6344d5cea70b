import { Form, Input, Modal } from 'antd';
import { errorText } from '../../api/client';
import { useChangePassword } from '../../api/session';
import { applyFieldErrors } from '../../components/form-errors';
import { useMessages } from '../../components/messages';
import { useT } from '../../i18n/i18n';
import { confirmRule, passwordRules } from './password-rules';

interface ChangePasswordForm {
  currentPassword: string;
  newPassword: string;
  newPasswordConfirm: string;
}

export function ChangePasswordDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<ChangePasswordForm>();
  const change = useChangePassword();
  const { report } = useMessages();

  const onFinish = ({ currentPassword, newPassword }: ChangePasswordForm) => {
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          report({ type: 'success', text: t('password.done') });
          form.resetFields();
          onClose();
        },
        onError: (e) => {
          applyFieldErrors(form, e);
          report({ type: 'error', text: t('password.failed', { reason: errorText(e) }) });
        },
      },
    );
  };

  return (
    <Modal
      title={t('password.title')}
      open={open}
      onCancel={() => {
        form.resetFields();
        onClose();
      }}
      onOk={() => form.submit()}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      confirmLoading={change.isPending}
      forceRender
      okButtonProps={{ id: 'password-ok' }}
    >
      <Form<ChangePasswordForm> form={form} layout="vertical" onFinish={onFinish} data-testid="change-password-form">
        <Form.Item name="currentPassword" label={t('field.currentPassword')} rules={[{ required: true, message: t('common.required') }]}>
          <Input.Password autoComplete="current-password" id="cp-current" />
        </Form.Item>
        <Form.Item name="newPassword" label={t('field.newPassword')} rules={passwordRules(t)}>
          <Input.Password autoComplete="new-password" id="cp-new" />
        </Form.Item>
        <Form.Item
          name="newPasswordConfirm"
          label={t('field.newPasswordConfirm')}
          dependencies={['newPassword']}
          rules={[{ required: true, message: t('common.required') }, confirmRule(t, 'newPassword')]}
        >
          <Input.Password autoComplete="new-password" id="cp-confirm" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
