import { useState } from 'react';
import { Button, Dropdown, Radio, Select, Space, Statistic, Table, Tabs, Tag, Tooltip, Typography, type TableProps } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { errorText } from '../../api/client';
import { downloadImportReport, useCommitImport, useImportRows } from '../../api/imports';
import type { DuplicateAction, Import, ImportOutcome, ImportRowResult } from '../../api/types';
import { useMessages } from '../../components/messages';
import { useT } from '../../i18n/i18n';
import { ReasonTag } from '../duplicates/reasons';

const pageSize = 20;

function RowsTable({
  imp,
  outcome,
  perRow,
  globalAction,
  onRowAction,
}: {
  imp: Import;
  outcome: ImportOutcome;
  perRow: Record<string, DuplicateAction>;
  globalAction: DuplicateAction;
  onRowAction: (rowNo: number, action: DuplicateAction | null) => void;
}) {
  const t = useT();
  const [page, setPage] = useState(1);
  const rows = useImportRows(imp.id, { outcome, page, pageSize });

  const columns: TableProps<ImportRowResult>['columns'] = [
    { title: t('import.row.no'), dataIndex: 'rowNo', key: 'rowNo', width: 70 },
    { title: t('field.customerName'), dataIndex: 'customerName', key: 'name', width: 240, ellipsis: true },
    { title: t('field.keyword'), dataIndex: 'keyword', key: 'keyword', width: 120, ellipsis: true },
  ];
  if (outcome === 'rejected') {
    columns.push({
      title: t('import.row.reasons'),
      key: 'reasons',
      render: (_: unknown, r: ImportRowResult) => (
        <span data-testid={`import-reasons-${r.rowNo}`}>
          {r.reasons.map((reason) => (
            <Tag color="red" key={reason} style={{ whiteSpace: 'normal' }}>
              {reason}
            </Tag>
          ))}
        </span>
      ),
    });
  }
  if (outcome === 'duplicate') {
    columns.push(
      {
        title: t('import.row.matches'),
        key: 'matches',
        render: (_: unknown, r: ImportRowResult) => (
          <div data-testid={`import-matches-${r.rowNo}`}>
            {r.matchesHidden && <Typography.Text type="secondary">{t('import.row.matchesHidden')}</Typography.Text>}
            {r.matches.map((m, i) => (
              <div key={i}>
                {m.rowNo !== undefined
                  ? t('import.row.matchRow', { row: m.rowNo, name: m.customerName })
                  : t('import.row.matchCustomer', { name: m.customerName, owner: m.ownerName })}
                {m.reason && (
                  <>
                    {' '}
                    <ReasonTag reason={m.reason} />
                  </>
                )}
              </div>
            ))}
          </div>
        ),
      },
      {
        title: t('import.row.action'),
        key: 'action',
        width: 230,
        render: (_: unknown, r: ImportRowResult) => (
          <Select
            size="small"
            style={{ width: '100%' }}
            value={perRow[String(r.rowNo)] ?? ''}
            data-testid={`import-row-action-${r.rowNo}`}
            onChange={(v: string) => onRowAction(r.rowNo, (v || null) as DuplicateAction | null)}
            options={[
              { value: '', label: t('import.row.followGlobal', { action: t(`import.action.${globalAction}`) }) },
              { value: 'skip', label: t('import.action.skip') },
              { value: 'create', label: t('import.action.create') },
              {
                value: 'merge',
                disabled: !r.canMerge,
                label: r.canMerge ? (
                  t('import.action.mergeShort')
                ) : (
                  <Tooltip title={t('import.action.mergeUnavailable')}>{t('import.action.mergeShort')}</Tooltip>
                ),
              },
            ]}
          />
        ),
      },
    );
  }

  return (
    <Table<ImportRowResult>
      data-testid={`import-rows-${outcome}`}
      rowKey="rowNo"
      size="small"
      loading={rows.isFetching}
      dataSource={rows.data?.items ?? []}
      columns={columns}
      scroll={{ x: 800, y: 260 }}
      onChange={(p) => setPage(p.current ?? 1)}
      pagination={{ current: page, pageSize, total: rows.data?.total ?? 0, hideOnSinglePage: true, showSizeChanger: false }}
    />
  );
}

/** Step 3: what validation found, the choice for duplicates, the report, and the commit. */
export function ValidationStep({ imp, onBack, onCommitted }: { imp: Import; onBack: () => void; onCommitted: (imp: Import) => void }) {
  const t = useT();
  const { report } = useMessages();
  const commit = useCommitImport();
  const [globalAction, setGlobalAction] = useState<DuplicateAction>(imp.duplicateAction ?? 'skip');
  const [perRow, setPerRow] = useState<Record<string, DuplicateAction>>({});
  const [tab, setTab] = useState<ImportOutcome>(imp.duplicates > 0 ? 'duplicate' : imp.rejected > 0 ? 'rejected' : 'create');
  const [downloading, setDownloading] = useState(false);

  const onRowAction = (rowNo: number, action: DuplicateAction | null) =>
    setPerRow((p) => {
      const next = { ...p };
      if (action) next[String(rowNo)] = action;
      else delete next[String(rowNo)];
      return next;
    });

  const onDownload = (format: 'csv' | 'xlsx') => {
    setDownloading(true);
    downloadImportReport(imp.id, format)
      .then((file) => report({ type: 'success', text: t('import.report.done', { file }) }))
      .catch((e: unknown) => report({ type: 'error', text: t('import.report.failed', { reason: errorText(e) }) }))
      .finally(() => setDownloading(false));
  };

  const onCommit = () => {
    commit.mutate(
      { id: imp.id, body: { duplicateAction: globalAction, ...(Object.keys(perRow).length > 0 ? { perRow } : {}) } },
      {
        onSuccess: (started) => {
          report({ type: 'info', text: t('import.commit.started', { file: imp.fileName }) });
          onCommitted(started);
        },
        onError: (e) => report({ type: 'error', text: t('import.commit.failed', { file: imp.fileName, reason: errorText(e) }) }),
      },
    );
  };

  const committable = imp.status === 'validated';

  return (
    <div data-testid="import-validation">
      <Space size={40} style={{ marginBottom: 12 }} wrap>
        <Statistic title={t('import.count.total')} value={imp.rowCount} />
        <Statistic title={t('import.count.create')} value={imp.toCreate} styles={{ content: { color: '#389e0d' } }} data-testid="import-count-create" />
        <Statistic title={t('import.count.duplicates')} value={imp.duplicates} styles={{ content: { color: '#d48806' } }} data-testid="import-count-duplicates" />
        <Statistic title={t('import.count.rejected')} value={imp.rejected} styles={{ content: { color: '#cf1322' } }} data-testid="import-count-rejected" />
      </Space>
      <div className="kehu-toolbar" style={{ marginBottom: 8 }}>
        <Typography.Text strong>{t('import.duplicateAction')}:</Typography.Text>
        <Radio.Group
          value={globalAction}
          onChange={(e) => setGlobalAction(e.target.value as DuplicateAction)}
          data-testid="import-duplicate-action"
          options={[
            { value: 'skip', label: t('import.action.skip') },
            { value: 'create', label: t('import.action.create') },
            { value: 'merge', label: t('import.action.merge') },
          ]}
        />
        <div style={{ flex: 1 }} />
        <Dropdown
          trigger={['click']}
          menu={{
            items: [
              { key: 'xlsx', label: <span data-testid="import-report-xlsx">{t('import.report.xlsx')}</span> },
              { key: 'csv', label: <span data-testid="import-report-csv">{t('import.report.csv')}</span> },
            ],
            onClick: ({ key }) => onDownload(key as 'csv' | 'xlsx'),
          }}
        >
          <Button icon={<DownloadOutlined />} loading={downloading} disabled={imp.duplicates + imp.rejected === 0} data-testid="import-report">
            {t('import.report')}
          </Button>
        </Dropdown>
      </div>
      <Tabs
        activeKey={tab}
        onChange={(k) => setTab(k as ImportOutcome)}
        size="small"
        items={[
          { key: 'create', label: <span data-testid="import-tab-create">{t('import.tab.create', { count: imp.toCreate })}</span> },
          { key: 'duplicate', label: <span data-testid="import-tab-duplicate">{t('import.tab.duplicate', { count: imp.duplicates })}</span> },
          { key: 'rejected', label: <span data-testid="import-tab-rejected">{t('import.tab.rejected', { count: imp.rejected })}</span> },
        ].map((item) => ({
          ...item,
          children: <RowsTable imp={imp} outcome={item.key as ImportOutcome} perRow={perRow} globalAction={globalAction} onRowAction={onRowAction} />,
        }))}
      />
      <Space style={{ marginTop: 8 }}>
        <Button onClick={onBack} disabled={!committable}>
          {t('import.back')}
        </Button>
        <Button type="primary" onClick={onCommit} loading={commit.isPending} disabled={!committable} data-testid="import-commit">
          {t('import.commit')}
        </Button>
      </Space>
    </div>
  );
}
