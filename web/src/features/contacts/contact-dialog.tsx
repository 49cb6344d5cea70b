import { useEffect } from 'react';
import { Checkbox, Col, Form, Input, Modal, Row } from 'antd';
import { ApiError, errorText } from '../../api/client';
import { useSaveContact } from '../../api/contacts';
import type { Contact, CreateContactInput } from '../../api/types';
import { applyFieldErrors } from '../../components/form-errors';
import { useMessages } from '../../components/messages';
import { useT } from '../../i18n/i18n';

export interface ContactTarget {
  customerId: string;
  contact?: Contact;
}

type ContactForm = Required<Omit<CreateContactInput, 'isPrimary'>> & { isPrimary: boolean };
const empty: ContactForm = { name: '', title: '', mobile: '', phone: '', email: '', wechat: '', qq: '', isPrimary: false, notes: '' };

/** Adds or edits one contact of a customer (zone 4). */
export function ContactDialog({ target, onClose }: { target: ContactTarget | null; onClose: () => void }) {
  const t = useT();
  const { report } = useMessages();
  const save = useSaveContact();
  const [form] = Form.useForm<ContactForm>();
  const contact = target?.contact;

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    const c = target.contact;
    form.setFieldsValue(
      c ? { name: c.name, title: c.title, mobile: c.mobile, phone: c.phone, email: c.email, wechat: c.wechat, qq: c.qq, isPrimary: c.isPrimary, notes: c.notes } : empty,
    );
  }, [target, form]);

  const onFinish = async (v: ContactForm) => {
    if (!target) return;
    const input = { ...v, name: v.name.trim() };
    try {
      if (contact) {
        await save.mutateAsync({ customerId: target.customerId, contactId: contact.id, input: { ...input, version: contact.version } });
        report({ type: 'success', text: t('contact.updated', { name: input.name }) });
      } else {
        await save.mutateAsync({ customerId: target.customerId, input });
        report({ type: 'success', text: t('contact.created', { name: input.name }) });
      }
      onClose();
    } catch (e) {
      applyFieldErrors(form, e);
      const stale = e instanceof ApiError && e.code === 'stale_version';
      const reason = stale ? t('contact.stale') : errorText(e);
      report({ type: 'error', text: contact ? t('contact.updateFailed', { name: contact.name, reason }) : t('contact.createFailed', { reason }) });
      if (stale) onClose();
    }
  };

  const max = (n: number) => [{ max: n }];
  return (
    <Modal
      title={contact ? t('contact.editTitle', { name: contact.name }) : t('contact.createTitle')}
      open={target !== null}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ id: 'contact-form-ok' }}
      confirmLoading={save.isPending}
      width={620}
      destroyOnHidden
    >
      <Form<ContactForm> form={form} layout="vertical" onFinish={(v) => void onFinish(v)} className="kehu-compact-form" data-testid="contact-form" initialValues={empty}>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="name" label={t('contact.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 60 }]}>
              <Input id="contact-name" autoFocus />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="title" label={t('contact.title')} rules={max(60)}>
              <Input id="contact-title" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="mobile" label={t('contact.mobile')} rules={max(40)}>
              <Input id="contact-mobile" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="phone" label={t('contact.phone')} rules={max(40)}>
              <Input id="contact-phone" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="email" label={t('contact.email')} rules={[{ type: 'email' }, { max: 200 }]}>
              <Input id="contact-email" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="wechat" label={t('contact.wechat')} rules={max(60)}>
              <Input id="contact-wechat" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="qq" label={t('contact.qq')} rules={max(20)}>
              <Input id="contact-qq" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="notes" label={t('contact.notes')} rules={max(2000)}>
              <Input.TextArea id="contact-notes" autoSize={{ minRows: 2, maxRows: 5 }} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="isPrimary" valuePropName="checked" style={{ marginBottom: 0 }}>
              <Checkbox id="contact-isPrimary">{t('contact.isPrimary')}</Checkbox>
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
