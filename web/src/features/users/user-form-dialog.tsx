import { useEffect } from 'react';
import { Form, Input, Modal, Select } from 'antd';
import { roles, type Role } from '../../../../common/roles.js';
import { ApiError, errorText } from '../../api/client';
import type { User } from '../../api/types';
import { useCreateUser, useUpdateUser } from '../../api/users';
import { applyFieldErrors } from '../../components/form-errors';
import { useMessages } from '../../components/messages';
import { useT } from '../../i18n/i18n';
import { confirmRule, passwordRules } from '../auth/password-rules';

interface UserForm {
  username: string;
  displayName: string;
  role: Role;
  password: string;
  passwordConfirm: string;
  phone: string;
  email: string;
  department: string;
}

/** Creates a user (`user` undefined) or edits one. */
export function UserFormDialog({ open, user, onClose }: { open: boolean; user?: User; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<UserForm>();
  const create = useCreateUser();
  const update = useUpdateUser();
  const { report } = useMessages();
  const isEdit = user !== undefined;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (user) {
      form.setFieldsValue({ displayName: user.displayName, role: user.role, phone: user.phone, email: user.email, department: user.department });
    } else {
      form.setFieldsValue({ role: 'sales' });
    }
  }, [open, user, form]);

  const onFinish = (v: UserForm) => {
    const details = { displayName: v.displayName, role: v.role, phone: v.phone ?? '', email: v.email ?? '', department: v.department ?? '' };
    if (!user) {
      create.mutate(
        { ...details, username: v.username, password: v.password },
        {
          onSuccess: (created) => {
            report({ type: 'success', text: t('staff.created', { name: created.displayName }) });
            onClose();
          },
          onError: (e) => {
            applyFieldErrors(form, e);
            report({ type: 'error', text: t('staff.createFailed', { reason: errorText(e) }) });
          },
        },
      );
      return;
    }
    update.mutate(
      { id: user.id, version: user.version, ...details },
      {
        onSuccess: (updated) => {
          report({ type: 'success', text: t('staff.updated', { name: updated.displayName }) });
          onClose();
        },
        onError: (e) => {
          const stale = e instanceof ApiError && e.code === 'stale_version';
          applyFieldErrors(form, e);
          report({ type: 'error', text: t('staff.updateFailed', { name: user.displayName, reason: stale ? t('staff.stale') : errorText(e) }) });
          if (stale) onClose();
        },
      },
    );
  };

  return (
    <Modal
      title={isEdit ? t('staff.editTitle', { name: user.displayName }) : t('staff.createTitle')}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending || update.isPending}
      forceRender
      width={560}
      okButtonProps={{ id: 'user-form-ok' }}
    >
      <Form<UserForm> form={form} layout="horizontal" labelCol={{ span: 6 }} wrapperCol={{ span: 18 }} onFinish={onFinish} data-testid="user-form">
        {!isEdit && (
          <Form.Item name="username" label={t('field.username')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
            <Input autoComplete="off" id="user-username" />
          </Form.Item>
        )}
        <Form.Item name="displayName" label={t('field.displayName')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input id="user-displayName" />
        </Form.Item>
        <Form.Item name="role" label={t('field.role')} rules={[{ required: true, message: t('common.required') }]}>
          <Select id="user-role" options={roles.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
        </Form.Item>
        {!isEdit && (
          <>
            <Form.Item name="password" label={t('field.password')} rules={passwordRules(t)}>
              <Input.Password autoComplete="new-password" id="user-password" />
            </Form.Item>
            <Form.Item
              name="passwordConfirm"
              label={t('field.passwordConfirm')}
              dependencies={['password']}
              rules={[{ required: true, message: t('common.required') }, confirmRule(t, 'password')]}
            >
              <Input.Password autoComplete="new-password" id="user-passwordConfirm" />
            </Form.Item>
          </>
        )}
        <Form.Item name="phone" label={t('field.phone')}>
          <Input id="user-phone" />
        </Form.Item>
        <Form.Item name="email" label={t('field.email')}>
          <Input id="user-email" />
        </Form.Item>
        <Form.Item name="department" label={t('field.department')}>
          <Input id="user-department" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
