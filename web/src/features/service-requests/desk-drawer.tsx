import { useEffect } from 'react';
import { Alert, Button, Descriptions, Drawer, Form, Input, InputNumber, Space, Spin, Table, Tag, Typography, type TableProps } from 'antd';
import { PrinterOutlined, SaveOutlined } from '@ant-design/icons';
import { ApiError, errorText } from '../../api/client';
import { useDeskItem, useUpdateOnDesk } from '../../api/service-requests';
import type { DeskItem, ServiceStatus } from '../../api/types';
import { useDateFormats } from '../../components/dates';
import { applyFieldErrors } from '../../components/form-errors';
import { useMessages } from '../../components/messages';
import { useT } from '../../i18n/i18n';
import { formatMinutes, nextStatuses, openServiceReport, PriorityTag, ServiceStatusTag } from './service-format';

type DeskContact = DeskItem['contacts'][number];

interface DeskForm {
  resolution: string;
  timeSpentMinutes: number | null;
}

/** The service desk's view of one request: the request, the customer's name and contacts, and the work on it. */
export function DeskDrawer({ requestId, onClose }: { requestId: string | null; onClose: () => void }) {
  const t = useT();
  const fmt = useDateFormats();
  const { report } = useMessages();
  const item = useDeskItem(requestId ?? undefined);
  const update = useUpdateOnDesk();
  const [form] = Form.useForm<DeskForm>();
  const data = item.data;

  useEffect(() => {
    if (item.error) report({ type: 'error', text: t('desk.loadItemFailed', { reason: errorText(item.error) }) });
  }, [item.error, report, t]);

  // Fill the form when another request (or a newer version of it) is shown.
  const version = data?.request.version;
  useEffect(() => {
    if (!data) return;
    form.setFieldsValue({ resolution: data.request.resolution, timeSpentMinutes: data.request.timeSpentMinutes || null });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [data?.request.id, version, form]);

  const submit = async (status?: ServiceStatus) => {
    if (!data) return;
    const r = data.request;
    let v: DeskForm;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const label = status ? t.known('service.status', status) : '';
    try {
      await update.mutateAsync({
        requestId: r.id,
        input: { version: r.version, resolution: (v.resolution ?? '').trim(), timeSpentMinutes: v.timeSpentMinutes ?? 0, ...(status ? { status } : {}) },
      });
      report({ type: 'success', text: status ? t('service.moved', { title: r.title, status: label }) : t('service.updated', { title: r.title }) });
    } catch (e) {
      applyFieldErrors(form, e);
      const reason = e instanceof ApiError && e.code === 'stale_version' ? t('service.stale') : errorText(e);
      report({ type: 'error', text: status ? t('service.moveFailed', { title: r.title, status: label, reason }) : t('service.updateFailed', { title: r.title, reason }) });
    }
  };

  const contactColumns: TableProps<DeskContact>['columns'] = [
    {
      title: t('service.contactName'),
      key: 'name',
      render: (_: unknown, c) => (
        <span>
          {c.name}
          {c.title ? <Typography.Text type="secondary">（{c.title}）</Typography.Text> : null}
          {c.isPrimary ? <Tag color="blue" style={{ marginInlineStart: 4 }}>{t('service.primaryContact')}</Tag> : null}
        </span>
      ),
    },
    { title: t('service.contactPhone'), key: 'phone', width: 150, render: (_: unknown, c) => [c.mobile, c.phone].filter(Boolean).join(' / ') },
    { title: t('service.contactEmail'), dataIndex: 'email', key: 'email', width: 150, ellipsis: true },
    { title: t('service.contactWechat'), dataIndex: 'wechat', key: 'wechat', width: 100, ellipsis: true },
  ];

  const r = data?.request;
  return (
    <Drawer
      open={requestId !== null}
      onClose={onClose}
      size={720}
      title={r ? <span data-testid="desk-drawer-title">{r.title}</span> : t('desk.drawerTitle')}
      extra={r ? <Space size={4}><PriorityTag priority={r.priority} /><ServiceStatusTag status={r.status} /></Space> : null}
      destroyOnHidden
      data-testid="desk-drawer"
    >
      {item.error ? <Alert type="error" showIcon title={t('desk.loadItemFailed', { reason: errorText(item.error) })} /> : null}
      {!data && !item.error ? <Spin style={{ display: 'block', margin: '32px auto' }} /> : null}
      {data && r ? (
        <div className="kehu-desk-detail" data-testid="desk-detail">
          <Descriptions
            size="small"
            bordered
            column={2}
            items={[
              { key: 'customer', label: t('service.customer'), children: <span data-testid="desk-customer">{data.customer.name}</span>, span: 2 },
              { key: 'contact', label: t('service.contact'), children: r.contactName },
              { key: 'product', label: t('service.product'), children: r.productName },
              { key: 'reportedOn', label: t('service.reportedOn'), children: fmt.date(r.reportedOn) },
              { key: 'channel', label: t('service.channelLabel'), children: r.channel ? t.known('service.channel', r.channel) : '' },
              { key: 'assignee', label: t('service.assignee'), children: r.assigneeName ?? t('service.unassigned') },
              { key: 'author', label: t('service.author'), children: r.authorName },
              { key: 'progress', label: t('service.lastProgress'), children: fmt.dateTime(r.lastProgressAt), span: 2 },
              { key: 'description', label: t('service.description'), children: <span className="kehu-pre">{r.description}</span>, span: 2 },
            ]}
          />
          <Typography.Title level={5} className="kehu-desk-heading">
            {t('service.contacts')}
          </Typography.Title>
          <Table<DeskContact>
            data-testid="desk-contacts"
            rowKey="id"
            size="small"
            dataSource={data.contacts}
            columns={contactColumns}
            pagination={false}
            locale={{ emptyText: t('service.noContacts') }}
          />
          <Typography.Title level={5} className="kehu-desk-heading">
            {t('desk.work')}
          </Typography.Title>
          <Form<DeskForm> form={form} layout="vertical" className="kehu-compact-form" data-testid="desk-form">
            <Form.Item name="resolution" label={t('service.resolution')} rules={[{ max: 4000 }]}>
              <Input.TextArea id="desk-resolution" autoSize={{ minRows: 3, maxRows: 8 }} />
            </Form.Item>
            <Form.Item
              name="timeSpentMinutes"
              label={t('service.timeSpent')}
              extra={r.timeSpentMinutes ? t('desk.recorded', { time: formatMinutes(t, r.timeSpentMinutes) }) : undefined}
            >
              <InputNumber id="desk-timeSpent" min={0} max={1_000_000} precision={0} style={{ width: 200 }} suffix={t('service.minutesUnit')} />
            </Form.Item>
          </Form>
          <Space wrap>
            {nextStatuses(r.status).map((s) => (
              <Button key={s} type={s === 'reopened' ? 'default' : 'primary'} loading={update.isPending} onClick={() => void submit(s)} data-testid={`desk-move-${s}`}>
                {t.known('service.action', s)}
              </Button>
            ))}
            <Button icon={<SaveOutlined />} loading={update.isPending} onClick={() => void submit()} data-testid="desk-save">
              {t('desk.saveWork')}
            </Button>
            <Button
              icon={<PrinterOutlined />}
              onClick={() => {
                openServiceReport(r.id);
                report({ type: 'info', text: t('service.printOpened', { title: r.title }) });
              }}
              data-testid="desk-print"
            >
              {t('service.print')}
            </Button>
          </Space>
        </div>
      ) : null}
    </Drawer>
  );
}
