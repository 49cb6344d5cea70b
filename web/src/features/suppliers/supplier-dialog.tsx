import { useEffect } from 'react';
import { Checkbox, Col, Form, Input, Modal, Row } from 'antd';
import { ApiError, errorText } from '../../api/client';
import { useSaveSupplier } from '../../api/suppliers';
import type { Supplier } from '../../api/types';
import { applyFieldErrors } from '../../components/form-errors';
import { useMessages } from '../../components/messages';
import { useT } from '../../i18n/i18n';

export interface SupplierTarget {
  supplier?: Supplier;
}

interface SupplierForm {
  name: string;
  contactName: string;
  phone: string;
  email: string;
  address: string;
  bankName: string;
  bankAccount: string;
  taxId: string;
  notes: string;
  active: boolean;
}
const empty: SupplierForm = { name: '', contactName: '', phone: '', email: '', address: '', bankName: '', bankAccount: '', taxId: '', notes: '', active: true };

/** Creates or edits a supplier, with its contact, bank and tax details (admin). */
export function SupplierDialog({ target, onClose }: { target: SupplierTarget | null; onClose: () => void }) {
  const t = useT();
  const { report } = useMessages();
  const save = useSaveSupplier();
  const [form] = Form.useForm<SupplierForm>();
  const supplier = target?.supplier;

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    const s = target.supplier;
    form.setFieldsValue(
      s
        ? { name: s.name, contactName: s.contactName, phone: s.phone, email: s.email, address: s.address, bankName: s.bankName, bankAccount: s.bankAccount, taxId: s.taxId, notes: s.notes, active: s.active }
        : empty,
    );
  }, [target, form]);

  const onFinish = async (v: SupplierForm) => {
    const input = { ...v, name: v.name.trim() };
    try {
      if (supplier) {
        await save.mutateAsync({ supplierId: supplier.id, input: { ...input, version: supplier.version } });
        report({ type: 'success', text: t('supplier.updated', { name: input.name }) });
      } else {
        await save.mutateAsync({ input });
        report({ type: 'success', text: t('supplier.created', { name: input.name }) });
      }
      onClose();
    } catch (e) {
      applyFieldErrors(form, e);
      const stale = e instanceof ApiError && e.code === 'stale_version';
      const reason = stale ? t('common.stale') : errorText(e);
      report({ type: 'error', text: supplier ? t('supplier.updateFailed', { name: supplier.name, reason }) : t('supplier.createFailed', { reason }) });
      if (stale) onClose();
    }
  };

  const max = (n: number) => [{ max: n }];
  return (
    <Modal
      title={supplier ? t('supplier.editTitle', { name: supplier.name }) : t('supplier.createTitle')}
      open={target !== null}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ id: 'supplier-form-ok' }}
      confirmLoading={save.isPending}
      width={640}
      destroyOnHidden
    >
      <Form<SupplierForm> form={form} layout="vertical" onFinish={(v) => void onFinish(v)} className="kehu-compact-form" data-testid="supplier-form" initialValues={empty}>
        <Row gutter={12}>
          <Col span={24}>
            <Form.Item name="name" label={t('supplier.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 100 }]}>
              <Input id="supplier-name" autoFocus />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="contactName" label={t('supplier.contactName')} rules={max(60)}>
              <Input id="supplier-contactName" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="phone" label={t('supplier.phone')} rules={max(40)}>
              <Input id="supplier-phone" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="email" label={t('supplier.email')} rules={[{ type: 'email' }, { max: 200 }]}>
              <Input id="supplier-email" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="address" label={t('supplier.address')} rules={max(200)}>
              <Input id="supplier-address" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="bankName" label={t('supplier.bankName')} rules={max(100)}>
              <Input id="supplier-bankName" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="bankAccount" label={t('supplier.bankAccount')} rules={max(60)}>
              <Input id="supplier-bankAccount" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="taxId" label={t('supplier.taxId')} rules={max(40)}>
              <Input id="supplier-taxId" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="notes" label={t('supplier.notes')} rules={max(2000)}>
              <Input.TextArea id="supplier-notes" autoSize={{ minRows: 2, maxRows: 5 }} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="active" valuePropName="checked" style={{ marginBottom: 0 }}>
              <Checkbox id="supplier-active">{t('catalogue.activeLabel')}</Checkbox>
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
