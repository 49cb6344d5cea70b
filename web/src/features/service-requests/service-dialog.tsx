import { useEffect } from 'react';
import { DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import 'dayjs/locale/zh-cn';
import { ApiError, errorText } from '../../api/client';
import { useContacts } from '../../api/contacts';
import { usePurchaseOptions } from '../../api/purchases';
import { useSaveServiceRequest } from '../../api/service-requests';
import { useUserOptions } from '../../api/users';
import type { Customer, ServiceChannel, ServicePriority, ServiceRequest, ServiceStatus } from '../../api/types';
import { useDateFormats } from '../../components/dates';
import { applyFieldErrors } from '../../components/form-errors';
import { useMessages } from '../../components/messages';
import { useLocale, useT } from '../../i18n/i18n';
import { nextStatuses, serviceChannels, servicePriorities } from './service-format';

export interface ServiceTarget {
  customer: Customer;
  request?: ServiceRequest;
}

interface ServiceForm {
  title: string;
  description?: string;
  priority: ServicePriority;
  purchaseId?: string | null;
  reportedOn: Dayjs;
  channel?: ServiceChannel | null;
  contactId?: string | null;
  assigneeId?: string | null;
  status: ServiceStatus;
  resolution?: string;
  timeSpentMinutes?: number | null;
}

const ymd = (d: Dayjs) => d.format('YYYY-MM-DD');
const half = { flex: 1, minWidth: 0 };

/** Reports or edits a service request of a customer. */
export function ServiceDialog({ target, onClose }: { target: ServiceTarget | null; onClose: () => void }) {
  const t = useT();
  const [locale] = useLocale();
  const fmt = useDateFormats();
  const { report } = useMessages();
  const save = useSaveServiceRequest();
  const [form] = Form.useForm<ServiceForm>();
  const request = target?.request;
  const cid = target?.customer.id;
  const purchases = usePurchaseOptions(cid, target !== null);
  const contacts = useContacts(target ? cid : undefined);
  const users = useUserOptions();

  useEffect(() => {
    dayjs.locale(locale === 'en-US' ? 'en' : 'zh-cn');
  }, [locale]);

  useEffect(() => {
    const e = purchases.error ?? contacts.error ?? users.error;
    if (e && target) report({ type: 'error', text: t('service.optionsFailed', { reason: errorText(e) }) });
  }, [purchases.error, contacts.error, users.error, target, report, t]);

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    const r = target.request;
    form.setFieldsValue(
      r
        ? {
            title: r.title,
            description: r.description,
            priority: r.priority,
            purchaseId: r.purchaseId,
            reportedOn: dayjs(r.reportedOn),
            channel: r.channel,
            contactId: r.contactId,
            assigneeId: r.assigneeId,
            status: r.status,
            resolution: r.resolution,
            timeSpentMinutes: r.timeSpentMinutes || null,
          }
        : { title: '', description: '', priority: 'normal', purchaseId: null, reportedOn: dayjs(), channel: 'phone', contactId: null, assigneeId: null, status: 'new', resolution: '', timeSpentMinutes: null },
    );
  }, [target, form]);

  const onFinish = async (v: ServiceForm) => {
    if (!target) return;
    const fields = {
      title: v.title.trim(),
      description: (v.description ?? '').trim(),
      priority: v.priority,
      purchaseId: v.purchaseId ?? null,
      reportedOn: ymd(v.reportedOn),
      channel: v.channel ?? null,
      contactId: v.contactId ?? null,
      assigneeId: v.assigneeId ?? null,
      resolution: (v.resolution ?? '').trim(),
      timeSpentMinutes: v.timeSpentMinutes ?? 0,
    };
    const title = fields.title;
    try {
      if (request) {
        const status = v.status !== request.status ? { status: v.status } : {};
        await save.mutateAsync({ customerId: target.customer.id, requestId: request.id, input: { ...fields, ...status, version: request.version } });
        report({ type: 'success', text: t('service.updated', { title }) });
      } else {
        await save.mutateAsync({ customerId: target.customer.id, input: { ...fields, status: v.status } });
        report({ type: 'success', text: t('service.created', { title, customer: target.customer.name }) });
      }
      onClose();
    } catch (e) {
      applyFieldErrors(form, e);
      const stale = e instanceof ApiError && e.code === 'stale_version';
      const reason = stale ? t('service.stale') : errorText(e);
      report({ type: 'error', text: request ? t('service.updateFailed', { title: request.title, reason }) : t('service.createFailed', { reason }) });
      if (stale) onClose();
    }
  };

  // A new request starts as new or in progress; an existing one may take one of its legal next steps.
  const statusChoices: readonly ServiceStatus[] = request ? [request.status, ...nextStatuses(request.status)] : ['new', 'in_progress'];
  const contactItems = contacts.data?.items ?? [];
  const purchaseItems = purchases.data?.items ?? [];
  const today = dayjs().endOf('day');
  return (
    <Modal
      title={request ? t('service.editTitle') : t('service.createTitle', { customer: target?.customer.name ?? '' })}
      open={target !== null}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ id: 'service-form-ok' }}
      confirmLoading={save.isPending}
      width={680}
      destroyOnHidden
    >
      <Form<ServiceForm> form={form} layout="vertical" onFinish={(v) => void onFinish(v)} className="kehu-compact-form" data-testid="service-form">
        <Form.Item name="title" label={t('service.title')} rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 200 }]}>
          <Input id="service-title" autoFocus maxLength={200} />
        </Form.Item>
        <Form.Item name="description" label={t('service.description')} rules={[{ max: 4000 }]}>
          <Input.TextArea id="service-description" autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="priority" label={t('service.priorityLabel')} style={half}>
            <Select id="service-priority" options={servicePriorities.map((p) => ({ value: p, label: t.known('service.priority', p) }))} />
          </Form.Item>
          <Form.Item name="reportedOn" label={t('service.reportedOn')} rules={[{ required: true, message: t('common.required') }]} style={half}>
            <DatePicker id="service-reportedOn" style={{ width: '100%' }} allowClear={false} disabledDate={(d) => d.isAfter(today)} />
          </Form.Item>
          <Form.Item name="channel" label={t('service.channelLabel')} style={half}>
            <Select id="service-channel" allowClear options={serviceChannels.map((c) => ({ value: c, label: t.known('service.channel', c) }))} />
          </Form.Item>
        </div>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="purchaseId" label={t('service.product')} style={half}>
            <Select
              id="service-purchase"
              allowClear
              loading={purchases.isFetching}
              placeholder={purchaseItems.length === 0 ? t('service.noPurchases') : undefined}
              options={purchaseItems.map((p) => ({ value: p.id, label: `${p.productName}（${fmt.date(p.purchasedOn)}）` }))}
            />
          </Form.Item>
          <Form.Item name="contactId" label={t('service.contact')} style={half}>
            <Select
              id="service-contact"
              allowClear
              loading={contacts.isFetching}
              options={contactItems.map((c) => ({ value: c.id, label: c.title ? `${c.name}（${c.title}）` : c.name }))}
            />
          </Form.Item>
        </div>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="assigneeId" label={t('service.assignee')} style={half}>
            <Select
              id="service-assignee"
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              loading={users.isFetching}
              placeholder={t('service.unassigned')}
              options={(users.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.displayName}（${t(`role.${u.role}`)}）` }))}
            />
          </Form.Item>
          <Form.Item name="status" label={t('service.statusLabel')} style={half}>
            <Select id="service-status" options={statusChoices.map((s) => ({ value: s, label: t.known('service.status', s) }))} />
          </Form.Item>
        </div>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="resolution" label={t('service.resolution')} rules={[{ max: 4000 }]} style={{ flex: 2, minWidth: 0, marginBottom: 0 }}>
            <Input.TextArea id="service-resolution" autoSize={{ minRows: 2, maxRows: 5 }} />
          </Form.Item>
          <Form.Item name="timeSpentMinutes" label={t('service.timeSpent')} style={{ ...half, marginBottom: 0 }}>
            <InputNumber id="service-timeSpent" min={0} max={1_000_000} precision={0} style={{ width: '100%' }} suffix={t('service.minutesUnit')} />
          </Form.Item>
        </div>
      </Form>
    </Modal>
  );
}
