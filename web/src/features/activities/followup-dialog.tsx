import { useEffect } from 'react';
import { DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import 'dayjs/locale/zh-cn';
import { ApiError, errorText } from '../../api/client';
import { useSaveFollowUp } from '../../api/activities';
import type { Customer, FollowUp, FollowUpMethod } from '../../api/types';
import { applyFieldErrors } from '../../components/form-errors';
import { useMessages } from '../../components/messages';
import { useLocale, useT } from '../../i18n/i18n';

export const followUpMethods: readonly FollowUpMethod[] = ['phone', 'visit', 'wechat', 'email', 'other'];

export interface FollowUpTarget {
  customer: Customer;
  followUp?: FollowUp;
}

interface FollowUpForm {
  occurredOn: Dayjs;
  method?: FollowUpMethod;
  content: string;
  nextFollowUpOn?: Dayjs | null;
}

const ymd = (d: Dayjs) => d.format('YYYY-MM-DD');

/** Adds or edits a follow-up record (zone 5): date, method, content, next date. */
export function FollowUpDialog({ target, onClose }: { target: FollowUpTarget | null; onClose: () => void }) {
  const t = useT();
  const [locale] = useLocale();
  const { report } = useMessages();
  const save = useSaveFollowUp();
  const [form] = Form.useForm<FollowUpForm>();
  const followUp = target?.followUp;

  useEffect(() => {
    dayjs.locale(locale === 'en-US' ? 'en' : 'zh-cn');
  }, [locale]);

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    const f = target.followUp;
    form.setFieldsValue(
      f
        ? { occurredOn: dayjs(f.occurredOn), method: f.method ?? undefined, content: f.content, nextFollowUpOn: f.nextFollowUpOn ? dayjs(f.nextFollowUpOn) : null }
        : { occurredOn: dayjs(), method: 'phone', content: '', nextFollowUpOn: null },
    );
  }, [target, form]);

  const onFinish = async (v: FollowUpForm) => {
    if (!target) return;
    const input = {
      occurredOn: ymd(v.occurredOn),
      method: v.method,
      content: v.content.trim(),
      nextFollowUpOn: v.nextFollowUpOn ? ymd(v.nextFollowUpOn) : null,
    };
    const name = target.customer.name;
    try {
      if (followUp) {
        await save.mutateAsync({ customerId: target.customer.id, followUpId: followUp.id, input: { ...input, version: followUp.version } });
        report({ type: 'success', text: t('followup.updated', { name }) });
      } else {
        await save.mutateAsync({ customerId: target.customer.id, input });
        report({ type: 'success', text: t('followup.created', { name }) });
      }
      onClose();
    } catch (e) {
      applyFieldErrors(form, e);
      const stale = e instanceof ApiError && e.code === 'stale_version';
      const reason = stale ? t('followup.stale') : errorText(e);
      report({ type: 'error', text: followUp ? t('followup.updateFailed', { reason }) : t('followup.createFailed', { reason }) });
      if (stale) onClose();
    }
  };

  const today = dayjs().endOf('day');
  return (
    <Modal
      title={followUp ? t('followup.editTitle') : t('followup.createTitle')}
      open={target !== null}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ id: 'followup-form-ok' }}
      confirmLoading={save.isPending}
      width={520}
      destroyOnHidden
    >
      <Form<FollowUpForm> form={form} layout="vertical" onFinish={(v) => void onFinish(v)} className="kehu-compact-form" data-testid="followup-form">
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="occurredOn" label={t('followup.occurredOn')} rules={[{ required: true, message: t('common.required') }]} style={{ flex: 1 }}>
            <DatePicker id="followup-occurredOn" style={{ width: '100%' }} allowClear={false} disabledDate={(d) => d.isAfter(today)} />
          </Form.Item>
          <Form.Item name="method" label={t('followup.method')} style={{ flex: 1 }}>
            <Select id="followup-method" allowClear options={followUpMethods.map((m) => ({ value: m, label: t.known('followup.method', m) }))} />
          </Form.Item>
        </div>
        <Form.Item name="content" label={t('followup.content')} rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 4000 }]}>
          <Input.TextArea id="followup-content" autoSize={{ minRows: 3, maxRows: 8 }} autoFocus />
        </Form.Item>
        <Form.Item
          name="nextFollowUpOn"
          label={t('followup.nextFollowUpOn')}
          dependencies={['occurredOn']}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_r, value: Dayjs | null | undefined) => {
                const occurred = getFieldValue('occurredOn') as Dayjs | undefined;
                if (value && occurred && value.isBefore(occurred, 'day')) return Promise.reject(new Error(t('followup.nextBeforeOccurred')));
                return Promise.resolve();
              },
            }),
          ]}
          style={{ marginBottom: 0 }}
        >
          <DatePicker id="followup-nextFollowUpOn" style={{ width: '50%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
