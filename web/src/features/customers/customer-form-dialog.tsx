import { useEffect, useMemo } from 'react';
import { Col, DatePicker, Form, Input, Modal, Row, Select, Typography } from 'antd';
import { useAppModal } from '../../components/app-modal';
import dayjs, { type Dayjs } from 'dayjs';
import 'dayjs/locale/zh-cn';
import { ApiError, errorText } from '../../api/client';
import { useCreateCustomer, useOwnerCandidates, useStatuses, useUpdateCustomer } from '../../api/customers';
import { useMe } from '../../api/session';
import type { CreateCustomerInput, Customer, UpdateCustomerInput } from '../../api/types';
import { applyFieldErrors } from '../../components/form-errors';
import { useMessages } from '../../components/messages';
import { useLocale, useT } from '../../i18n/i18n';
import { confirmDuplicates, DuplicateWarning, matchesOf, useLiveDuplicates } from './duplicates';
import { can } from '../../../../common/roles.js';

interface CustomerForm {
  name: string;
  keyword: string;
  statusId: string;
  ownerId: string;
  createdOn: Dayjs;
  industry: string;
  source: string;
  region: string;
  address: string;
  phone: string;
  website: string;
  notes: string;
}

const optionalFields = ['industry', 'source', 'region', 'address', 'phone', 'website', 'notes'] as const;

export interface CustomerFormTarget {
  customer?: Customer;
  statusId?: string;
}

/** Creates a customer (`target.customer` undefined, optionally in `target.statusId`) or edits one. */
export function CustomerFormDialog({ target, onClose, onSaved }: { target: CustomerFormTarget | null; onClose: () => void; onSaved?: (c: Customer) => void }) {
  const t = useT();
  const { modal } = useAppModal();
  const { report } = useMessages();
  const [form] = Form.useForm<CustomerForm>();
  const me = useMe().data;
  const [locale] = useLocale();
  const isAdmin = !!me && can(me.role, 'customers.admin');
  const open = target !== null;
  const customer = target?.customer;
  const statuses = useStatuses();
  const owners = useOwnerCandidates(open && isAdmin);
  const create = useCreateCustomer();
  const update = useUpdateCustomer();
  const firstStatusId = statuses.data?.[0]?.id;

  useEffect(() => {
    // Month and weekday names of the date picker.
    dayjs.locale(locale === 'en-US' ? 'en' : 'zh-cn');
  }, [locale]);

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    const c = target.customer;
    if (c) {
      form.setFieldsValue({
        name: c.name,
        keyword: c.keyword,
        statusId: c.statusId,
        ownerId: c.ownerId,
        createdOn: dayjs(c.createdOn),
        industry: c.industry,
        source: c.source,
        region: c.region,
        address: c.address,
        phone: c.phone,
        website: c.website,
        notes: c.notes,
      });
    } else {
      // The chosen status (from the status list), else the first one.
      form.setFieldsValue({ statusId: target.statusId ?? firstStatusId, ownerId: me?.id, createdOn: dayjs() });
    }
    // Only when the dialog opens for a new target; later status refetches must not reset the form.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [target, form, me?.id]);

  const name = Form.useWatch('name', form) ?? '';
  const keyword = Form.useWatch('keyword', form) ?? '';
  // On edit, only a changed name or keyword is checked (the record would otherwise match itself).
  const changed = !customer || name.trim() !== customer.name || keyword.trim() !== customer.keyword;
  const live = useLiveDuplicates(name, keyword, customer?.id, open && changed);

  const ownerOptions = useMemo(() => {
    const list = (owners.data ?? []).map((u) => ({ value: u.id, label: u.displayName }));
    // A disabled owner of an existing customer still shows by name.
    if (customer && !list.some((o) => o.value === customer.ownerId)) list.push({ value: customer.ownerId, label: customer.ownerName });
    return list;
  }, [owners.data, customer]);

  const saving = create.isPending || update.isPending;

  const onFinish = async (v: CustomerForm) => {
    const createdOn = v.createdOn.format('YYYY-MM-DD');
    const details = Object.fromEntries(optionalFields.map((f) => [f, (v[f] ?? '').trim()])) as Record<(typeof optionalFields)[number], string>;
    const send = async (confirmDuplicate: boolean): Promise<Customer> => {
      if (!customer) {
        const input: CreateCustomerInput = { name: v.name.trim(), keyword: v.keyword.trim(), statusId: v.statusId, createdOn, ...details };
        if (isAdmin && v.ownerId) input.ownerId = v.ownerId;
        if (confirmDuplicate) input.confirmDuplicate = true;
        return create.mutateAsync(input);
      }
      // Only what changed: an unchanged name or keyword is not checked for duplicates again.
      const input: UpdateCustomerInput = { version: customer.version };
      if (v.name.trim() !== customer.name) input.name = v.name.trim();
      if (v.keyword.trim() !== customer.keyword) input.keyword = v.keyword.trim();
      if (v.statusId !== customer.statusId) input.statusId = v.statusId;
      if (isAdmin && v.ownerId && v.ownerId !== customer.ownerId) input.ownerId = v.ownerId;
      if (createdOn !== customer.createdOn) input.createdOn = createdOn;
      for (const f of optionalFields) if (details[f] !== customer[f]) input[f] = details[f];
      if (confirmDuplicate) input.confirmDuplicate = true;
      return update.mutateAsync({ id: customer.id, ...input });
    };
    const failed = (e: unknown) => {
      applyFieldErrors(form, e);
      if (!customer) {
        report({ type: 'error', text: t('customer.createFailed', { reason: errorText(e) }) });
        return;
      }
      const stale = e instanceof ApiError && e.code === 'stale_version';
      report({ type: 'error', text: t('customer.updateFailed', { name: customer.name, reason: stale ? t('customer.stale') : errorText(e) }) });
      if (stale) onClose();
    };
    let saved: Customer;
    try {
      saved = await send(false);
    } catch (e) {
      const dupes = matchesOf(e);
      if (!dupes) return failed(e);
      if (!(await confirmDuplicates(modal, t, dupes))) {
        report({ type: 'info', text: t('customer.duplicateCancelled', { name: v.name.trim() }) });
        return;
      }
      try {
        saved = await send(true);
      } catch (e2) {
        return failed(e2);
      }
    }
    report({ type: 'success', text: t(customer ? 'customer.updated' : 'customer.created', { name: saved.name }) });
    onSaved?.(saved);
    onClose();
  };

  const required = [{ required: true, whitespace: true, message: t('common.required') }];
  const today = dayjs().endOf('day');

  return (
    <Modal
      title={customer ? t('customer.editTitle', { name: customer.name }) : t('customer.createTitle')}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      forceRender
      width={760}
      okButtonProps={{ id: 'customer-form-ok' }}
      styles={{ body: { maxHeight: 'calc(100vh - 220px)', overflowY: 'auto', overflowX: 'hidden' } }}
      style={{ top: 40 }}
    >
      <Form<CustomerForm> form={form} layout="vertical" onFinish={(v) => void onFinish(v)} data-testid="customer-form" className="kehu-compact-form">
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {t('customer.requiredHint')}
        </Typography.Paragraph>
        <Row gutter={16}>
          <Col span={14}>
            <Form.Item name="name" label={t('field.customerName')} rules={[...required, { max: 100 }]}>
              <Input id="customer-name" maxLength={100} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="keyword" label={t('field.keyword')} rules={[...required, { max: 20 }]} tooltip={t('customer.keywordHelp')}>
              <Input id="customer-keyword" maxLength={20} autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>
        <DuplicateWarning live={live} />
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="statusId" label={t('field.status')} rules={[{ required: true, message: t('common.required') }]}>
              <Select id="customer-status" options={(statuses.data ?? []).map((s) => ({ value: s.id, label: s.name }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            {isAdmin ? (
              <Form.Item name="ownerId" label={t('field.owner')} rules={[{ required: true, message: t('common.required') }]}>
                <Select id="customer-owner" showSearch={{ optionFilterProp: 'label' }} loading={owners.isPending} options={ownerOptions} />
              </Form.Item>
            ) : (
              <Form.Item label={t('field.owner')} required>
                <Input id="customer-owner" disabled value={customer?.ownerName ?? me?.displayName} />
              </Form.Item>
            )}
          </Col>
          <Col span={8}>
            <Form.Item name="createdOn" label={t('field.createdOn')} rules={[{ required: true, message: t('common.required') }]}>
              <DatePicker id="customer-createdOn" style={{ width: '100%' }} allowClear={false} disabledDate={(d) => d.isAfter(today)} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="industry" label={t('field.industry')} rules={[{ max: 60 }]}>
              <Input id="customer-industry" maxLength={60} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="source" label={t('field.source')} rules={[{ max: 60 }]}>
              <Input id="customer-source" maxLength={60} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="region" label={t('field.region')} rules={[{ max: 60 }]}>
              <Input id="customer-region" maxLength={60} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="phone" label={t('field.phone')} rules={[{ max: 40 }]}>
              <Input id="customer-phone" maxLength={40} />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="website" label={t('field.website')} rules={[{ max: 200 }]}>
              <Input id="customer-website" maxLength={200} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="address" label={t('field.address')} rules={[{ max: 200 }]}>
          <Input id="customer-address" maxLength={200} />
        </Form.Item>
        <Form.Item name="notes" label={t('field.notes')} rules={[{ max: 4000 }]} style={{ marginBottom: 0 }}>
          <Input.TextArea id="customer-notes" rows={2} maxLength={4000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
