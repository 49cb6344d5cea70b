import { useState } from 'react';
import { Alert, Button, Empty, Pagination, Spin, Table, Typography, type TableProps } from 'antd';
import { MergeCellsOutlined } from '@ant-design/icons';
import { errorText } from '../../api/client';
import { useDuplicateGroups } from '../../api/duplicates';
import type { DuplicateGroup, DuplicateGroupCustomer } from '../../api/types';
import { useDateFormats } from '../../components/dates';
import { Text } from '../../components/text';
import { useT } from '../../i18n/i18n';
import { MergeDialog } from './merge-dialog';
import { defaultPair, type MergePair } from './merge-pair';
import { ReasonTag } from './reasons';

const groupId = (g: DuplicateGroup) => `${g.reason}:${g.key}`;

/** One group of look-alikes: its rule, key and size, its customers, and the merge of two of them. */
function GroupCard({ group, picked, onPick, onMerge }: { group: DuplicateGroup; picked: string[]; onPick: (ids: string[]) => void; onMerge: () => void }) {
  const t = useT();
  const fmt = useDateFormats();
  const columns: TableProps<DuplicateGroupCustomer>['columns'] = [
    {
      title: t('field.customerName'),
      dataIndex: 'name',
      key: 'name',
      render: (name: string, c: DuplicateGroupCustomer) => (
        <>
          <div className="kehu-dup-name">{name}</div>
          {/* On a phone the other columns are hidden: their values go under the name. */}
          <Text type="secondary" className="kehu-dup-sub">
            {[c.keyword, c.ownerName, fmt.date(c.createdOn)].join(' · ')}
          </Text>
        </>
      ),
    },
    { title: t('field.keyword'), dataIndex: 'keyword', key: 'keyword', width: 120, responsive: ['md'] },
    { title: t('field.owner'), dataIndex: 'ownerName', key: 'owner', width: 120, responsive: ['md'] },
    { title: t('field.createdOn'), dataIndex: 'createdOn', key: 'createdOn', width: 130, responsive: ['md'], render: (v: string) => fmt.date(v) },
  ];
  const more = group.customerCount > group.customers.length;
  return (
    <section className="kehu-dup-group" data-testid="duplicate-group">
      <div className="kehu-dup-head">
        <ReasonTag reason={group.reason} />
        <span className="kehu-dup-key" data-testid="duplicate-group-key">
          {group.key}
        </span>
        <span className="kehu-dup-count" data-testid="duplicate-group-count">
          {t('dupGroups.count', { count: group.customerCount })}
          {more && <Text type="secondary">{` · ${t('dupGroups.firstOnly', { shown: group.customers.length })}`}</Text>}
        </span>
        <span className="kehu-dup-actions">
          {picked.length !== 2 && (
            <Text type="secondary" className="kehu-dup-pick">
              {t('dupGroups.pickTwo')}
            </Text>
          )}
          <Button size="small" type="primary" icon={<MergeCellsOutlined />} disabled={picked.length !== 2} onClick={onMerge} data-testid="duplicate-group-merge">
            {t('merge.action')}
          </Button>
        </span>
      </div>
      <Table<DuplicateGroupCustomer>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={group.customers}
        columns={columns}
        // A large group scrolls in its block, so the next groups stay a short scroll away.
        scroll={group.customers.length > 10 ? { y: 420 } : undefined}
        rowSelection={{
          selectedRowKeys: picked,
          hideSelectAll: true,
          columnWidth: 36,
          onChange: (keys) => onPick(keys.map(String)),
          // Two at a time: a merge joins one customer into another.
          getCheckboxProps: (c) => ({ disabled: picked.length >= 2 && !picked.includes(c.id) }),
        }}
      />
    </section>
  );
}

/** The admin's duplicate customers: groups of the same keyword or the same name, largest first. */
export function DuplicateGroupsPage() {
  const t = useT();
  const [paging, setPaging] = useState({ page: 1, pageSize: 10 });
  const groups = useDuplicateGroups(paging);
  const [picked, setPicked] = useState<Record<string, string[]>>({});
  const [pair, setPair] = useState<MergePair | null>(null);
  const items = groups.data?.items ?? [];

  const openMerge = (g: DuplicateGroup) => {
    const ids = picked[groupId(g)] ?? [];
    const [a, b] = g.customers.filter((c) => ids.includes(c.id));
    if (a && b) setPair(defaultPair(a, b));
  };

  const total = groups.data?.total ?? 0;
  return (
    <div data-testid="duplicate-groups-page" className="kehu-dup-page">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('dupGroups.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('dupGroups.hint')}</Typography.Paragraph>
      {groups.error ? (
        <Alert type="error" showIcon title={t('dupGroups.loadFailed', { reason: errorText(groups.error) })} data-testid="duplicate-groups-error" />
      ) : groups.isPending ? (
        <div className="kehu-merge-loading">
          <Spin />
        </div>
      ) : items.length === 0 ? (
        <Empty description={t('dupGroups.empty')} data-testid="duplicate-groups-empty" />
      ) : (
        <Spin spinning={groups.isFetching}>
          <div className="kehu-dup-list">
            {items.map((g) => (
              <GroupCard
                key={groupId(g)}
                group={g}
                picked={picked[groupId(g)] ?? []}
                onPick={(ids) => setPicked((p) => ({ ...p, [groupId(g)]: ids }))}
                onMerge={() => openMerge(g)}
              />
            ))}
          </div>
          <Pagination
            className="kehu-dup-pagination"
            current={paging.page}
            pageSize={paging.pageSize}
            total={total}
            responsive
            showSizeChanger
            pageSizeOptions={[10, 20, 50]}
            showTotal={() => t(groups.data?.totalExact === false ? 'dupGroups.totalAbout' : 'dupGroups.total', { total })}
            onChange={(page, pageSize) => setPaging({ page, pageSize })}
          />
        </Spin>
      )}
      <MergeDialog
        pair={pair}
        onClose={() => setPair(null)}
        // The groups reload after the merge; the ticks of the merged customers go.
        onMerged={(_kept, mergedId) => setPicked((p) => Object.fromEntries(Object.entries(p).map(([k, ids]) => [k, ids.filter((id) => id !== mergedId)])))}
      />
    </div>
  );
}
