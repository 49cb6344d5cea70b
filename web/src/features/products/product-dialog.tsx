import { useEffect } from 'react';
import { Checkbox, Col, Form, Input, Modal, Row, Select } from 'antd';
import { ApiError, errorText } from '../../api/client';
import { useSaveProduct } from '../../api/products';
import { useSuppliers } from '../../api/suppliers';
import type { Product } from '../../api/types';
import { applyFieldErrors } from '../../components/form-errors';
import { useMessages } from '../../components/messages';
import { moneyInput, moneyRule } from '../../components/money';
import { useT } from '../../i18n/i18n';

export interface ProductTarget {
  product?: Product;
}

interface ProductForm {
  code: string;
  name: string;
  model: string;
  unit: string;
  price: string;
  annualFee: string;
  supplierId: string | null;
  category: string;
  active: boolean;
  notes: string;
}
const empty: ProductForm = { code: '', name: '', model: '', unit: '', price: '', annualFee: '', supplierId: null, category: '', active: true, notes: '' };

/** Registers or edits a product or service of the catalogue (admin). Prices are typed as text and checked as money. */
export function ProductDialog({ target, onClose }: { target: ProductTarget | null; onClose: () => void }) {
  const t = useT();
  const { report } = useMessages();
  const save = useSaveProduct();
  const suppliers = useSuppliers({ pageSize: 500, sort: 'name', order: 'asc' }, target !== null);
  const [form] = Form.useForm<ProductForm>();
  const product = target?.product;

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    const p = target.product;
    form.setFieldsValue(
      p
        ? { code: p.code, name: p.name, model: p.model, unit: p.unit, price: p.price, annualFee: p.annualFee, supplierId: p.supplierId, category: p.category, active: p.active, notes: p.notes }
        : empty,
    );
  }, [target, form]);

  const onFinish = async (v: ProductForm) => {
    const input = {
      ...v,
      code: v.code.trim(),
      name: v.name.trim(),
      price: moneyInput(v.price) ?? '0.00',
      annualFee: moneyInput(v.annualFee) ?? '0.00',
      supplierId: v.supplierId ?? null,
    };
    try {
      if (product) {
        await save.mutateAsync({ productId: product.id, input: { ...input, version: product.version } });
        report({ type: 'success', text: t('product.updated', { name: input.name }) });
      } else {
        await save.mutateAsync({ input });
        report({ type: 'success', text: t('product.created', { name: input.name }) });
      }
      onClose();
    } catch (e) {
      applyFieldErrors(form, e);
      const stale = e instanceof ApiError && e.code === 'stale_version';
      const reason = stale ? t('common.stale') : errorText(e);
      report({ type: 'error', text: product ? t('product.updateFailed', { name: product.name, reason }) : t('product.createFailed', { reason }) });
      if (stale) onClose();
    }
  };

  // Inactive suppliers stay choosable only when already set on this product.
  const supplierOptions = (suppliers.data?.items ?? [])
    .filter((s) => s.active || s.id === product?.supplierId)
    .map((s) => ({ value: s.id, label: s.name }));
  if (product?.supplierId && !supplierOptions.some((o) => o.value === product.supplierId))
    supplierOptions.push({ value: product.supplierId, label: product.supplierName ?? product.supplierId });

  return (
    <Modal
      title={product ? t('product.editTitle', { name: product.name }) : t('product.createTitle')}
      open={target !== null}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ id: 'product-form-ok' }}
      confirmLoading={save.isPending}
      width={640}
      destroyOnHidden
    >
      <Form<ProductForm> form={form} layout="vertical" onFinish={(v) => void onFinish(v)} className="kehu-compact-form" data-testid="product-form" initialValues={empty}>
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="code" label={t('product.code')} rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 40 }]}>
              <Input id="product-code" autoFocus />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="name" label={t('product.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 100 }]}>
              <Input id="product-name" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="model" label={t('product.model')} rules={[{ max: 100 }]}>
              <Input id="product-model" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="unit" label={t('product.unit')} rules={[{ max: 20 }]}>
              <Input id="product-unit" placeholder={t('product.unitPlaceholder')} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="category" label={t('product.category')} rules={[{ max: 60 }]}>
              <Input id="product-category" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="price" label={t('product.price')} required rules={[moneyRule(t, true)]} extra={t('money.hint')}>
              <Input id="product-price" prefix="¥" inputMode="decimal" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="annualFee" label={t('product.annualFee')} rules={[moneyRule(t)]}>
              <Input id="product-annualFee" prefix="¥" inputMode="decimal" placeholder="0.00" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="supplierId" label={t('product.supplier')}>
              <Select id="product-supplierId" allowClear showSearch={{ optionFilterProp: 'label' }} options={supplierOptions} loading={suppliers.isFetching} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="notes" label={t('product.notes')} rules={[{ max: 2000 }]}>
              <Input.TextArea id="product-notes" autoSize={{ minRows: 2, maxRows: 4 }} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="active" valuePropName="checked" style={{ marginBottom: 0 }}>
              <Checkbox id="product-active">{t('product.activeLabel')}</Checkbox>
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
