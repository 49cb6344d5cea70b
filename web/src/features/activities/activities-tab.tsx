import { useEffect, useState } from 'react';
import { Button, Dropdown, Empty, Segmented, Spin, Tag, Typography } from 'antd';
import { useAppModal } from '../../components/app-modal';
import { DeleteOutlined, EditOutlined, MoreOutlined, PlusOutlined } from '@ant-design/icons';
import { errorText } from '../../api/client';
import { useActivities, useDeleteFollowUp } from '../../api/activities';
import type { Activity, Customer, FollowUp, LogEntry } from '../../api/types';
import { useDateFormats } from '../../components/dates';
import { useMessages } from '../../components/messages';
import { useT } from '../../i18n/i18n';
import { formatChangeOf, formatLogAction } from '../audit/audit-format';
import { FollowUpDialog, type FollowUpTarget } from './followup-dialog';

type Filter = 'all' | 'log' | 'followup';

/** Zone 5: the operation log and the follow-ups of the selected customer in one timeline. */
export function ActivitiesTab({ customer }: { customer: Customer }) {
  const t = useT();
  const fmt = useDateFormats();
  const { modal } = useAppModal();
  const { report } = useMessages();
  const [filter, setFilter] = useState<Filter>('all');
  const list = useActivities(customer.id, filter === 'all' ? undefined : filter);
  const remove = useDeleteFollowUp();
  const [dialog, setDialog] = useState<FollowUpTarget | null>(null);

  useEffect(() => {
    if (list.error) report({ type: 'error', text: t('activity.loadFailed', { reason: errorText(list.error) }) });
  }, [list.error, report, t]);

  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  const confirmDelete = (f: FollowUp) =>
    modal.confirm({
      title: t('followup.delete'),
      content: t('followup.confirmDelete'),
      okText: t('common.ok'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: true, id: 'followup-delete-ok' },
      onOk: () =>
        remove
          .mutateAsync({ customerId: customer.id, followUpId: f.id })
          .then(() => report({ type: 'success', text: t('followup.deleted', { name: customer.name }) }))
          .catch((e: unknown) => report({ type: 'error', text: t('followup.deleteFailed', { reason: errorText(e) }) })),
    });

  const renderLog = (e: LogEntry) => (
    <div className="kehu-timeline-item kehu-timeline-log" key={`log-${e.id}`} data-testid="timeline-log">
      <div className="kehu-timeline-head">
        <Tag>{t('activity.log')}</Tag>
        <span className="kehu-timeline-time">{fmt.dateTime(e.at)}</span>
        <span>{e.actorName}</span>
        <strong>{formatLogAction(t, e.entity, e.action)}</strong>
      </div>
      {e.changes.length > 0 && (
        <ul className="kehu-timeline-changes">
          {e.changes.map((c) => (
            <li key={c.field}>{formatChangeOf(t, e.action, c)}</li>
          ))}
        </ul>
      )}
    </div>
  );

  const renderFollowUp = (f: FollowUp) => (
    <div
      className="kehu-timeline-item kehu-timeline-followup"
      key={`fu-${f.id}`}
      data-testid="timeline-followup"
      onDoubleClick={() => setDialog({ customer, followUp: f })}
    >
      <div className="kehu-timeline-head">
        <Tag color="blue">{t('activity.followup')}</Tag>
        <span className="kehu-timeline-time">{fmt.date(f.occurredOn)}</span>
        {f.method && <Tag bordered={false}>{t.known('followup.method', f.method)}</Tag>}
        <Typography.Text type="secondary">{t('activity.by', { name: f.actorName })}</Typography.Text>
        {f.nextFollowUpOn && <Tag color="orange">{t('activity.next', { date: fmt.date(f.nextFollowUpOn) })}</Tag>}
        <div style={{ flex: 1 }} />
        <Dropdown
          trigger={['click']}
          menu={{
            items: [
              { key: 'edit', label: t('followup.edit'), icon: <EditOutlined />, onClick: () => setDialog({ customer, followUp: f }) },
              { key: 'delete', label: t('followup.delete'), icon: <DeleteOutlined />, danger: true, onClick: () => confirmDelete(f) },
            ],
          }}
        >
          <Button size="small" type="text" icon={<MoreOutlined />} aria-label={t('followup.edit')} data-testid="followup-actions" />
        </Dropdown>
      </div>
      <div className="kehu-timeline-content">{f.content}</div>
    </div>
  );

  const render = (a: Activity) => (a.kind === 'log' ? renderLog(a) : renderFollowUp(a));

  return (
    <div data-testid="activities-tab">
      <div className="kehu-tab-toolbar">
        <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ customer })} data-testid="followup-add">
          {t('activity.addFollowUp')}
        </Button>
        <Segmented<Filter>
          size="small"
          value={filter}
          onChange={setFilter}
          data-testid="activity-filter"
          options={[
            { value: 'all', label: t('activity.filter.all') },
            { value: 'log', label: t('activity.filter.log') },
            { value: 'followup', label: t('activity.filter.followup') },
          ]}
        />
      </div>
      <Spin spinning={list.isFetching && !list.isFetchingNextPage} size="small">
        {items.length === 0 && !list.isPending ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('activity.empty')} style={{ margin: '8px 0' }} />
        ) : (
          <div className="kehu-timeline" data-testid="timeline">
            {items.map(render)}
          </div>
        )}
      </Spin>
      {list.hasNextPage && (
        <div style={{ textAlign: 'center', marginTop: 6 }}>
          <Button size="small" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage} data-testid="activity-more">
            {t('activity.loadMore')}
          </Button>
        </div>
      )}
      <FollowUpDialog target={dialog} onClose={() => setDialog(null)} />
    </div>
  );
}
