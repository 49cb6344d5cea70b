import { useEffect, useState } from 'react';
import { Modal, Select, Typography } from 'antd';
import { errorText } from '../../api/client';
import { useOwnerCandidates, useTransferCustomers } from '../../api/customers';
import { useMessages } from '../../components/messages';
import { useT } from '../../i18n/i18n';

/** Customers to move: per current owner, some of theirs (`customerIds`) or all of them. */
export interface TransferRequestGroup {
  fromUserId: string;
  customerIds?: string[];
}

export interface TransferTarget {
  title: string;
  text: string;
  groups: TransferRequestGroup[];
}

/** Picks the receiving salesperson and moves the customers (admin only). */
export function TransferDialog({ target, onClose, onDone }: { target: TransferTarget | null; onClose: () => void; onDone?: () => void }) {
  const t = useT();
  const { report } = useMessages();
  const owners = useOwnerCandidates(target !== null);
  const transfer = useTransferCustomers();
  const [toUserId, setToUserId] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (target) setToUserId(undefined);
  }, [target]);

  // A single owner cannot receive their own customers.
  const single = target?.groups.length === 1 ? target.groups[0]?.fromUserId : undefined;
  const options = (owners.data ?? []).filter((u) => u.id !== single).map((u) => ({ value: u.id, label: u.displayName }));

  const onOk = async () => {
    if (!target || !toUserId) return;
    const receiver = options.find((o) => o.value === toUserId)?.label ?? '';
    setBusy(true);
    let moved = 0;
    try {
      for (const g of target.groups) {
        if (g.fromUserId === toUserId) continue;
        moved += (await transfer.mutateAsync({ fromUserId: g.fromUserId, toUserId, customerIds: g.customerIds })).moved;
      }
      report({ type: 'success', text: t('customer.transferred', { count: moved, name: receiver }) });
      onDone?.();
      onClose();
    } catch (e) {
      report({ type: 'error', text: t('customer.transferFailed', { reason: errorText(e) }) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title={target?.title}
      open={target !== null}
      onCancel={onClose}
      onOk={() => void onOk()}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: !toUserId, id: 'transfer-ok' }}
      confirmLoading={busy}
      width={420}
    >
      <Typography.Paragraph>{target?.text}</Typography.Paragraph>
      <Select
        id="transfer-to"
        style={{ width: '100%' }}
        placeholder={t('customer.transferTo')}
        showSearch={{ optionFilterProp: 'label' }}
        loading={owners.isPending}
        options={options}
        value={toUserId}
        onChange={setToUserId}
      />
    </Modal>
  );
}
