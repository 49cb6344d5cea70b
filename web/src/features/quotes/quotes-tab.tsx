import { useEffect, useState } from 'react';
import { Button, Dropdown, Space, Table, Typography, type MenuProps, type TableProps } from 'antd';
import { useAppModal } from '../../components/app-modal';
import { CheckOutlined, CloseOutlined, DeleteOutlined, EditOutlined, MoreOutlined, PlusOutlined, PrinterOutlined, SendOutlined, ShoppingCartOutlined } from '@ant-design/icons';
import { errorText } from '../../api/client';
import { useDeleteQuote, useQuotes, useQuoteToPurchases, useSaveQuote } from '../../api/quotes';
import type { Customer, Quote, QuoteStatus } from '../../api/types';
import { useDateFormats } from '../../components/dates';
import { useMessages } from '../../components/messages';
import { useMoney } from '../../components/money';
import { useT } from '../../i18n/i18n';
import { QuoteDialog, type QuoteTarget } from './quote-dialog';
import { QuoteStatusTag } from './quote-format';

const open = (s: QuoteStatus) => s === 'draft' || s === 'sent' || s === 'expired';

/** Zone 6: the quotes of the selected customer, with status actions, print and 转为购买记录. */
export function QuotesTab({ customer }: { customer: Customer }) {
  const t = useT();
  const fmt = useDateFormats();
  const money = useMoney();
  const { modal } = useAppModal();
  const { report } = useMessages();
  const list = useQuotes(customer.id);
  const save = useSaveQuote();
  const remove = useDeleteQuote();
  const toPurchase = useQuoteToPurchases();
  const [dialog, setDialog] = useState<QuoteTarget | null>(null);

  useEffect(() => {
    if (list.error) report({ type: 'error', text: t('quote.loadFailed', { reason: errorText(list.error) }) });
  }, [list.error, report, t]);

  const label = (q: Quote) => t('quote.label', { date: fmt.date(q.quotedOn), amount: money(q.amount) });

  const setStatus = (q: Quote, status: QuoteStatus) =>
    save
      .mutateAsync({ customerId: customer.id, quoteId: q.id, input: { version: q.version, status } })
      .then(() => report({ type: 'success', text: t('quote.statusSet', { quote: label(q), status: t.known('quote.status', status) }) }))
      .catch((e: unknown) => report({ type: 'error', text: t('quote.statusFailed', { quote: label(q), reason: errorText(e) }) }));

  const confirmPurchase = (q: Quote) =>
    modal.confirm({
      title: t('quote.toPurchase'),
      content: t('quote.confirmToPurchase', { quote: label(q), count: q.lines.length }),
      okText: t('common.ok'),
      cancelText: t('common.cancel'),
      okButtonProps: { id: 'quote-purchase-ok' },
      onOk: () =>
        toPurchase
          .mutateAsync({ customerId: customer.id, quoteId: q.id })
          .then((r) => report({ type: 'success', text: t('quote.purchased', { quote: label(q), count: r.items.length }) }))
          .catch((e: unknown) => report({ type: 'error', text: t('quote.purchaseFailed', { quote: label(q), reason: errorText(e) }) })),
    });

  const confirmDelete = (q: Quote) =>
    modal.confirm({
      title: t('quote.delete'),
      content: t('quote.confirmDelete', { quote: label(q) }),
      okText: t('common.ok'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: true, id: 'quote-delete-ok' },
      onOk: () =>
        remove
          .mutateAsync({ customerId: customer.id, quoteId: q.id })
          .then(() => report({ type: 'success', text: t('quote.deleted', { quote: label(q) }) }))
          .catch((e: unknown) => report({ type: 'error', text: t('quote.deleteFailed', { quote: label(q), reason: errorText(e) }) })),
    });

  const print = (q: Quote) => {
    const w = window.open(`/print/quote/${encodeURIComponent(customer.id)}/${encodeURIComponent(q.id)}`, '_blank');
    if (w) report({ type: 'info', text: t('customer.printOpened', { what: t('quote.printWhat', { quote: label(q) }) }) });
    else report({ type: 'error', text: t('customer.printBlocked') });
  };

  const moreItems = (q: Quote): MenuProps['items'] => [
    { key: 'edit', label: t('quote.edit'), icon: <EditOutlined />, disabled: !open(q.status), onClick: () => setDialog({ customer, quote: q }) },
    { key: 'sent', label: t('quote.send'), icon: <SendOutlined />, disabled: q.status !== 'draft', onClick: () => void setStatus(q, 'sent') },
    { key: 'accepted', label: t('quote.accept'), icon: <CheckOutlined />, disabled: q.status !== 'draft' && q.status !== 'sent', onClick: () => void setStatus(q, 'accepted') },
    { key: 'rejected', label: t('quote.reject'), icon: <CloseOutlined />, disabled: q.status !== 'draft' && q.status !== 'sent', onClick: () => void setStatus(q, 'rejected') },
    { key: 'purchase', label: t('quote.toPurchase'), icon: <ShoppingCartOutlined />, disabled: q.status !== 'accepted' || !!q.purchasedAt, onClick: () => confirmPurchase(q) },
    { key: 'print', label: t('quote.print'), icon: <PrinterOutlined />, onClick: () => print(q) },
    { type: 'divider' },
    { key: 'delete', label: t('quote.delete'), icon: <DeleteOutlined />, danger: true, onClick: () => confirmDelete(q) },
  ];

  /** The next step of a quote as a visible button; everything else in the menu. */
  const nextStep = (q: Quote) => {
    if (q.status === 'draft')
      return (
        <Button size="small" type="link" onClick={() => void setStatus(q, 'sent')} data-testid="quote-send">
          {t('quote.send')}
        </Button>
      );
    if (q.status === 'sent')
      return (
        <>
          <Button size="small" type="link" onClick={() => void setStatus(q, 'accepted')} data-testid="quote-accept">
            {t('quote.accept')}
          </Button>
          <Button size="small" type="link" danger onClick={() => void setStatus(q, 'rejected')} data-testid="quote-reject">
            {t('quote.reject')}
          </Button>
        </>
      );
    if (q.status === 'accepted' && !q.purchasedAt)
      return (
        <Button size="small" type="link" onClick={() => confirmPurchase(q)} data-testid="quote-to-purchase">
          {t('quote.toPurchase')}
        </Button>
      );
    if (q.status === 'expired')
      return (
        <Button size="small" type="link" onClick={() => setDialog({ customer, quote: q })} data-testid="quote-reopen">
          {t('quote.reopen')}
        </Button>
      );
    return null;
  };

  const columns: TableProps<Quote>['columns'] = [
    { title: t('quote.quotedOn'), dataIndex: 'quotedOn', key: 'quotedOn', width: 116, render: (v: string) => fmt.date(v) },
    { title: t('quote.validUntil'), dataIndex: 'validUntil', key: 'validUntil', width: 116, render: (v: string | null) => (v ? fmt.date(v) : t('quote.noValidity')) },
    {
      title: t('quote.statusCol'),
      dataIndex: 'status',
      key: 'status',
      width: 110,
      render: (s: QuoteStatus, q) => (
        <span>
          <QuoteStatusTag status={s} />
          {q.purchasedAt && <Typography.Text type="success">{t('quote.purchasedMark')}</Typography.Text>}
        </span>
      ),
    },
    {
      title: t('quote.products'),
      key: 'products',
      ellipsis: true,
      render: (_: unknown, q) => q.lines.map((l) => `${l.productName} × ${l.quantity}`).join('，'),
    },
    { title: t('quote.amount'), dataIndex: 'amount', key: 'amount', width: 120, align: 'right', render: (v: string) => money(v) },
    { title: t('quote.author'), dataIndex: 'authorName', key: 'author', width: 76, ellipsis: true },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 190,
      render: (_: unknown, q) => (
        <Space size={0}>
          {nextStep(q)}
          <Button size="small" type="link" icon={<PrinterOutlined />} onClick={() => print(q)} data-testid="quote-print" aria-label={t('quote.print')} />
          <Dropdown menu={{ items: moreItems(q) }} trigger={['click']}>
            <Button size="small" type="text" icon={<MoreOutlined />} data-testid="quote-more" aria-label={t('common.more')} />
          </Dropdown>
        </Space>
      ),
    },
  ];

  return (
    <div data-testid="quotes-tab">
      <div className="kehu-tab-toolbar">
        <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ customer })} data-testid="quote-add">
          {t('quote.add')}
        </Button>
        <Typography.Text type="secondary" className="kehu-toolbar-hint">
          {t('quote.hint')}
        </Typography.Text>
      </div>
      <Table<Quote>
        data-testid="quotes-table"
        className="kehu-clickable-rows"
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        columns={columns}
        pagination={false}
        scroll={{ x: 940 }}
        locale={{ emptyText: t('quote.empty') }}
        onRow={(q) => ({ onDoubleClick: () => open(q.status) && setDialog({ customer, quote: q }) })}
      />
      <QuoteDialog target={dialog} onClose={() => setDialog(null)} />
    </div>
  );
}
