import { useEffect } from 'react';
import { Form, Input, Modal } from 'antd';
import { errorText } from '../../api/client';
import { useCreateStatus, useUpdateStatus } from '../../api/customers';
import type { CustomerStatus } from '../../api/types';
import { applyFieldErrors } from '../../components/form-errors';
import { useMessages } from '../../components/messages';
import { useT } from '../../i18n/i18n';

/** Adds a status (`target.status` undefined) or renames one. */
export function StatusNameDialog({ target, onClose }: { target: { status?: CustomerStatus } | null; onClose: () => void }) {
  const t = useT();
  const { report } = useMessages();
  const [form] = Form.useForm<{ name: string }>();
  const create = useCreateStatus();
  const update = useUpdateStatus();
  const status = target?.status;

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    form.setFieldsValue({ name: target.status?.name ?? '' });
  }, [target, form]);

  const onFinish = ({ name }: { name: string }) => {
    const trimmed = name.trim();
    if (!status) {
      create.mutate(trimmed, {
        onSuccess: (s) => {
          report({ type: 'success', text: t('status.created', { name: s.name }) });
          onClose();
        },
        onError: (e) => {
          applyFieldErrors(form, e);
          report({ type: 'error', text: t('status.createFailed', { reason: errorText(e) }) });
        },
      });
      return;
    }
    if (trimmed === status.name) return onClose();
    update.mutate(
      { id: status.id, name: trimmed },
      {
        onSuccess: (s) => {
          report({ type: 'success', text: t('status.renamed', { old: status.name, name: s.name }) });
          onClose();
        },
        onError: (e) => {
          applyFieldErrors(form, e);
          report({ type: 'error', text: t('status.renameFailed', { name: status.name, reason: errorText(e) }) });
        },
      },
    );
  };

  return (
    <Modal
      title={status ? t('status.renameTitle', { name: status.name }) : t('status.createTitle')}
      open={target !== null}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending || update.isPending}
      forceRender
      width={400}
      okButtonProps={{ id: 'status-name-ok' }}
    >
      <Form form={form} layout="vertical" onFinish={onFinish}>
        <Form.Item name="name" label={t('status.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 30 }]}>
          <Input id="status-name" maxLength={30} autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
