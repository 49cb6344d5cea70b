import { useEffect, useState, type ReactNode } from 'react';
import { Alert, Button, Modal, Spin, Tag } from 'antd';
import { SwapOutlined } from '@ant-design/icons';
import { ApiError, errorText } from '../../api/client';
import { useMergeCustomers, useMergePreview } from '../../api/duplicates';
import type { Customer, MergePreview } from '../../api/types';
import { useDateFormats } from '../../components/dates';
import { useMessages } from '../../components/messages';
import { Text } from '../../components/text';
import { useLocale, useT, type MessageKey } from '../../i18n/i18n';
import { createdBefore, type MergePair } from './merge-pair';

type Shown = 'name' | 'keyword' | 'statusName' | 'ownerName' | 'createdOn' | 'industry' | 'source' | 'region' | 'phone' | 'website' | 'address' | 'notes';
const rows: [Shown, MessageKey][] = [
  ['name', 'field.customerName'],
  ['keyword', 'field.keyword'],
  ['statusName', 'field.status'],
  ['ownerName', 'field.owner'],
  ['createdOn', 'field.createdOn'],
  ['industry', 'field.industry'],
  ['source', 'field.source'],
  ['region', 'field.region'],
  ['phone', 'field.phone'],
  ['website', 'field.website'],
  ['address', 'field.address'],
  ['notes', 'field.notes'],
];

/** Kept | merged, field by field, with what the merged one fills in marked on the kept side. */
function Comparison({ preview }: { preview: MergePreview }) {
  const t = useT();
  const fmt = useDateFormats();
  const { target, source, fills } = preview;
  const shown = (c: Customer, f: Shown) => (f === 'createdOn' ? fmt.date(c.createdOn) : c[f]);
  const fillOf = new Map(fills.map((f) => [f.field, f.value]));
  const empty = <span className="kehu-merge-empty">—</span>;
  const cell = (content: ReactNode, className: string, testId?: string) => (
    <div className={`kehu-merge-cell ${className}`} data-testid={testId}>
      {content}
    </div>
  );
  const lines: { key: string; label: string; kept: string; merged: string; filled: boolean }[] = rows.map(([f, label]) => {
    const fill = fillOf.get(f);
    return { key: f, label: t(label), kept: fill ?? shown(target, f), merged: shown(source, f), filled: fill !== undefined };
  });
  // A field the server fills that this table does not list still shows, under its own name.
  for (const f of fills) {
    if (!rows.some(([r]) => r === f.field)) lines.push({ key: f.field, label: t.known('field', f.field), kept: f.value, merged: f.value, filled: true });
  }
  return (
    <div className="kehu-merge-grid" data-testid="merge-comparison">
      <div className="kehu-merge-head" />
      <div className="kehu-merge-head kehu-merge-head-kept">{t('merge.kept')}</div>
      <div className="kehu-merge-head kehu-merge-head-merged">{t('merge.merged')}</div>
      {lines.map((l) => (
        <div className="kehu-merge-row" key={l.key}>
          <div className="kehu-merge-label">{l.label}</div>
          {cell(
            l.filled ? (
              <>
                {l.kept}{' '}
                <Tag color="green" className="kehu-merge-fill-tag">
                  {t('merge.fill')}
                </Tag>
              </>
            ) : (
              l.kept || empty
            ),
            l.filled ? 'kehu-merge-kept kehu-merge-filled' : 'kehu-merge-kept',
            `merge-kept-${l.key}`,
          )}
          {cell(l.merged || empty, 'kehu-merge-merged', `merge-merged-${l.key}`)}
        </div>
      ))}
    </div>
  );
}

/**
 * The admin's merge of two look-alike customers: a side-by-side preview, a swap of which one is
 * kept (by default the one created first), what moves, and the warning that the merged one goes
 * to the recycle bin for good.
 */
export function MergeDialog({ pair, onClose, onMerged }: { pair: MergePair | null; onClose: () => void; onMerged?: (kept: Customer, mergedId: string) => void }) {
  const t = useT();
  const [locale] = useLocale();
  const { report } = useMessages();
  const [ids, setIds] = useState<MergePair | null>(pair);
  // Once the admin swaps, the default (the one created first) no longer overrides the choice.
  const [chosen, setChosen] = useState(false);
  const [notice, setNotice] = useState<{ type: 'info' | 'error'; text: string } | null>(null);
  const open = pair !== null;
  const preview = useMergePreview(open ? (ids?.keptId ?? null) : null, open ? (ids?.mergedId ?? null) : null);
  const merge = useMergeCustomers();

  useEffect(() => {
    setIds(pair);
    setChosen(false);
    setNotice(null);
  }, [pair]);

  // The caller may not know both creation dates (a customer ticked on another page): the
  // preview does, and puts the earlier one on the kept side unless the admin chose.
  const data = preview.data;
  useEffect(() => {
    if (data && !chosen && createdBefore(data.source, data.target)) setIds({ keptId: data.source.id, mergedId: data.target.id });
  }, [data, chosen]);

  const swap = () => {
    setChosen(true);
    setNotice(null);
    setIds((p) => (p ? { keptId: p.mergedId, mergedId: p.keptId } : p));
  };

  const onMerge = () => {
    if (!data) return;
    const { target, source } = data;
    merge.mutate(
      { targetId: target.id, sourceId: source.id, version: target.version },
      {
        onSuccess: (kept) => {
          report({ type: 'success', text: t('merge.done', { merged: source.name, kept: kept.name }) });
          onMerged?.(kept, source.id);
          onClose();
        },
        onError: (e) => {
          if (e instanceof ApiError && e.code === 'stale_version') {
            // Someone saved the kept customer meanwhile: show the new state and let the admin look again.
            setNotice({ type: 'info', text: t('merge.stale') });
            report({ type: 'error', text: t('merge.failed', { reason: t('merge.stale') }) });
            void preview.refetch();
            return;
          }
          const text = t('merge.failed', { reason: errorText(e) });
          setNotice({ type: 'error', text });
          report({ type: 'error', text });
        },
      },
    );
  };

  const sep = locale === 'en-US' ? '; ' : '；';
  const moves = data?.moves;

  return (
    <Modal
      title={t('merge.title')}
      open={open}
      onCancel={onClose}
      width={760}
      className="kehu-full-modal"
      style={{ top: 32 }}
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button key="ok" type="primary" danger id="merge-ok" disabled={!data || preview.isFetching} loading={merge.isPending} onClick={onMerge}>
          {t('merge.action')}
        </Button>,
      ]}
    >
      <div data-testid="merge-dialog">
        <div className="kehu-merge-bar">
          <Text type="secondary" className="kehu-merge-hint">
            {t('merge.hint')}
          </Text>
          <Button icon={<SwapOutlined />} onClick={swap} disabled={!ids || merge.isPending} data-testid="merge-swap">
            {t('merge.swap')}
          </Button>
        </div>
        {notice && <Alert type={notice.type} showIcon title={notice.text} style={{ marginBottom: 12 }} data-testid="merge-notice" />}
        {preview.error && !data ? (
          <Alert type="error" showIcon title={t('merge.previewFailed', { reason: errorText(preview.error) })} data-testid="merge-preview-error" />
        ) : !data ? (
          <div className="kehu-merge-loading">
            <Spin />
          </div>
        ) : (
          <Spin spinning={preview.isFetching}>
            {/* What happens first (on a phone the table below scrolls), then the details. */}
            <Alert type="warning" showIcon title={t('merge.warning', { name: data.source.name })} style={{ marginBottom: 8 }} data-testid="merge-warning" />
            {moves && (
              <div className="kehu-merge-moves" data-testid="merge-moves">
                {t('merge.moves', {
                  contacts: moves.contacts,
                  followUps: moves.followUps,
                  quotes: moves.quotes,
                  purchases: moves.purchases,
                  serviceRequests: moves.serviceRequests,
                })}
                {moves.activeDelegations > 0 && sep + t('merge.grantsEnd', { count: moves.activeDelegations })}
              </div>
            )}
            <Comparison preview={data} />
          </Spin>
        )}
      </div>
    </Modal>
  );
}
