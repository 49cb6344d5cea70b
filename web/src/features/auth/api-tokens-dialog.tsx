import { Alert, Button, DatePicker, Form, Input, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { errorText } from '../../api/client';
import { useApiTokens, useCreateToken, useRevokeToken, type ApiTokenItem } from '../../api/tokens';
import { applyFieldErrors } from '../../components/form-errors';
import { useMessages } from '../../components/messages';
import { useT } from '../../i18n/i18n';

// Personal API tokens for integrations: made by a user for themself, shown once, revocable.

interface TokenForm {
  name: string;
  expiresOn?: Dayjs | null;
}

export function ApiTokensDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const { report } = useMessages();
  const [form] = Form.useForm<TokenForm>();
  const tokens = useApiTokens(open);
  const create = useCreateToken();
  const revoke = useRevokeToken();
  const [shown, setShown] = useState<string | null>(null);

  const onFinish = (values: TokenForm) => {
    create.mutate(
      { name: values.name, expiresOn: values.expiresOn ? values.expiresOn.format('YYYY-MM-DD') : null },
      {
        onSuccess: (created) => {
          setShown(created.token);
          form.resetFields();
          report({ type: 'success', text: t('tokens.created', { name: created.name }) });
        },
        onError: (e) => {
          applyFieldErrors(form, e);
          report({ type: 'error', text: t('tokens.createFailed', { reason: errorText(e) }) });
        },
      },
    );
  };

  const onRevoke = (token: ApiTokenItem) =>
    revoke.mutate(token.id, {
      onSuccess: () => report({ type: 'success', text: t('tokens.revoked', { name: token.name }) }),
      onError: (e) => report({ type: 'error', text: t('tokens.revokeFailed', { reason: errorText(e) }) }),
    });

  const close = () => {
    setShown(null);
    onClose();
  };

  return (
    <Modal title={t('tokens.title')} open={open} onCancel={close} footer={null} width={760} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('tokens.help')}</Typography.Paragraph>
      {shown && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('tokens.showOnce')}
          description={<Typography.Text copyable code data-testid="new-token">{shown}</Typography.Text>}
        />
      )}
      <Form<TokenForm> form={form} layout="inline" onFinish={onFinish} style={{ marginBottom: 12 }}>
        <Form.Item name="name" label={t('tokens.name')} rules={[{ required: true, message: t('common.required') }]}>
          <Input maxLength={60} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="expiresOn" label={t('tokens.expiresOn')}>
          <DatePicker />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={create.isPending}>
          {t('tokens.create')}
        </Button>
      </Form>
      <Table<ApiTokenItem>
        size="small"
        rowKey="id"
        loading={tokens.isLoading}
        dataSource={tokens.data?.items ?? []}
        pagination={false}
        columns={[
          { title: t('tokens.name'), dataIndex: 'name' },
          { title: t('tokens.prefix'), dataIndex: 'prefix', render: (v: string) => <Typography.Text code>{v}…</Typography.Text> },
          { title: t('tokens.expiresOn'), dataIndex: 'expiresOn', render: (v: string | null) => v ?? t('tokens.never') },
          { title: t('tokens.lastUsed'), dataIndex: 'lastUsedAt', render: (v: string | null) => (v ? new Date(v).toLocaleString() : '—') },
          {
            title: t('tokens.state'),
            render: (_: unknown, r) => (r.revokedAt ? <Tag>{t('tokens.stateRevoked')}</Tag> : <Tag color="green">{t('tokens.stateActive')}</Tag>),
          },
          {
            title: '',
            render: (_: unknown, r) =>
              r.revokedAt ? null : (
                <Space>
                  <Popconfirm title={t('tokens.revokeConfirm', { name: r.name })} onConfirm={() => onRevoke(r)} okText={t('common.ok')} cancelText={t('common.cancel')}>
                    <Button size="small" danger>
                      {t('tokens.revoke')}
                    </Button>
                  </Popconfirm>
                </Space>
              ),
          },
        ]}
      />
    </Modal>
  );
}
