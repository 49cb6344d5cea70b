import { useEffect, useState } from 'react';
import { DatePicker, Form, Modal, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import 'dayjs/locale/zh-cn';
import { errorText } from '../../api/client';
import { useOwnerCandidates } from '../../api/customers';
import { useGrant, useSalespeople } from '../../api/delegations';
import { useMe } from '../../api/session';
import { useMessages } from '../../components/messages';
import { useLocale, useT } from '../../i18n/i18n';

/** What to grant: some customers (all with the same owner or not), or all of one owner's customers. */
export type GrantTarget = { kind: 'some'; customerIds: string[]; ownerIds: string[] } | { kind: 'all'; ownerId?: string };

interface GrantForm {
  ownerId?: string;
  toUserId?: string;
  endsOn?: Dayjs | null;
}

/** Zone 8: picks a salesperson and an optional end date, and grants. */
export function GrantDialog({ target, onClose, onDone }: { target: GrantTarget | null; onClose: () => void; onDone?: () => void }) {
  const t = useT();
  const [locale] = useLocale();
  const { report } = useMessages();
  const me = useMe().data;
  const isAdmin = me?.role === 'admin';
  const people = useSalespeople(target !== null);
  const owners = useOwnerCandidates(target !== null && isAdmin && target.kind === 'all');
  const grant = useGrant();
  const [form] = Form.useForm<GrantForm>();
  const [ownerId, setOwnerId] = useState<string | undefined>();

  useEffect(() => {
    dayjs.locale(locale === 'en-US' ? 'en' : 'zh-cn');
  }, [locale]);

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    const initialOwner = target.kind === 'all' ? (target.ownerId ?? (isAdmin ? undefined : me?.id)) : undefined;
    form.setFieldsValue({ ownerId: initialOwner, toUserId: undefined, endsOn: null });
    setOwnerId(initialOwner);
  }, [target, form, isAdmin, me?.id]);

  // Neither oneself nor the owner of the customers can receive them.
  const excluded = new Set<string>([me?.id ?? '', ...(target?.kind === 'some' ? target.ownerIds : ownerId ? [ownerId] : [])]);
  const options = (people.data ?? []).filter((u) => !excluded.has(u.id)).map((u) => ({ value: u.id, label: u.displayName }));

  const onFinish = async (v: GrantForm) => {
    if (!target || !v.toUserId) return;
    const name = options.find((o) => o.value === v.toUserId)?.label ?? '';
    const endsOn = v.endsOn ? v.endsOn.format('YYYY-MM-DD') : null;
    try {
      const res =
        target.kind === 'some'
          ? await grant.mutateAsync({ customerIds: target.customerIds, toUserId: v.toUserId, endsOn })
          : await grant.mutateAsync({ all: true, ownerId: isAdmin ? v.ownerId : undefined, toUserId: v.toUserId, endsOn });
      report({ type: 'success', text: t('delegation.granted', { count: res.items.length, name }) });
      onDone?.();
      onClose();
    } catch (e) {
      report({ type: 'error', text: t('delegation.grantFailed', { reason: errorText(e) }) });
    }
  };

  const today = dayjs().startOf('day');
  return (
    <Modal
      title={t('delegation.grantTitle')}
      open={target !== null}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      okButtonProps={{ id: 'grant-ok' }}
      confirmLoading={grant.isPending}
      width={460}
      destroyOnHidden
    >
      <Typography.Paragraph>
        {target?.kind === 'some' ? t('delegation.grantText', { count: target.customerIds.length }) : t('delegation.grantAllText')}
      </Typography.Paragraph>
      <Form<GrantForm> form={form} layout="vertical" onFinish={(v) => void onFinish(v)} className="kehu-compact-form" data-testid="grant-form">
        {target?.kind === 'all' && isAdmin && (
          <Form.Item name="ownerId" label={t('delegation.grantAllOwner')} rules={[{ required: true, message: t('common.required') }]}>
            <Select
              id="grant-owner"
              showSearch={{ optionFilterProp: 'label' }}
              loading={owners.isPending}
              options={(owners.data ?? []).map((u) => ({ value: u.id, label: u.displayName }))}
              onChange={(v: string) => {
                setOwnerId(v);
                if (form.getFieldValue('toUserId') === v) form.setFieldValue('toUserId', undefined);
              }}
            />
          </Form.Item>
        )}
        <Form.Item name="toUserId" label={t('delegation.to')} rules={[{ required: true, message: t('common.required') }]}>
          <Select id="grant-to" showSearch={{ optionFilterProp: 'label' }} loading={people.isPending} options={options} />
        </Form.Item>
        <Form.Item name="endsOn" label={t('delegation.endsOn')} extra={t('delegation.endsOnHelp')} style={{ marginBottom: 0 }}>
          <DatePicker id="grant-endsOn" style={{ width: '60%' }} disabledDate={(d) => d.isBefore(today, 'day')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
