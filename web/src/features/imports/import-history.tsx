import { useState } from 'react';
import { Button, Popconfirm, Space, Table, Tag, Typography, type TableProps } from 'antd';
import { errorText } from '../../api/client';
import { useCommitImport, useImportList, useUndoImport } from '../../api/imports';
import type { Import } from '../../api/types';
import { useDateFormats } from '../../components/dates';
import { useMessages } from '../../components/messages';
import { useT } from '../../i18n/i18n';

const statusColors: Record<Import['status'], string> = {
  uploaded: 'default',
  validated: 'processing',
  committing: 'processing',
  done: 'success',
  undone: 'default',
};

/** Past imports with their counts; resume an incomplete one; the administrator may undo. */
export function ImportHistory({ isAdmin, onOpen }: { isAdmin: boolean; onOpen: (imp: Import) => void }) {
  const t = useT();
  const fmt = useDateFormats();
  const { report } = useMessages();
  const [paging, setPaging] = useState({ page: 1, pageSize: 10 });
  const list = useImportList(paging);
  const resume = useCommitImport();
  const undo = useUndoImport();
  const [busy, setBusy] = useState<string | null>(null);

  const onResume = (imp: Import) => {
    setBusy(imp.id);
    resume.mutate(
      { id: imp.id, body: { duplicateAction: imp.duplicateAction ?? 'skip' } },
      {
        onSuccess: (started) => {
          report({ type: 'info', text: t('import.resume.started', { file: imp.fileName }) });
          onOpen(started);
        },
        onError: (e) => report({ type: 'error', text: t('import.resume.failed', { file: imp.fileName, reason: errorText(e) }) }),
        onSettled: () => setBusy(null),
      },
    );
  };

  const onUndo = (imp: Import) => {
    setBusy(imp.id);
    undo.mutate(imp.id, {
      onSuccess: () => report({ type: 'success', text: t('import.undo.done', { file: imp.fileName }) }),
      onError: (e) => report({ type: 'error', text: t('import.undo.failed', { file: imp.fileName, reason: errorText(e) }) }),
      onSettled: () => setBusy(null),
    });
  };

  const columns: TableProps<Import>['columns'] = [
    { title: t('import.file.name'), dataIndex: 'fileName', key: 'fileName', ellipsis: true },
    ...(isAdmin ? [{ title: t('import.history.createdBy'), dataIndex: 'createdByName', key: 'by', width: 110, ellipsis: true }] : []),
    { title: t('import.history.createdAt'), dataIndex: 'createdAt', key: 'at', width: 170, render: (v: string) => fmt.dateTime(v) },
    {
      title: t('import.history.status'),
      key: 'status',
      width: 150,
      render: (_: unknown, r: Import) => (
        <span data-testid={`import-status-${r.id}`}>
          {r.isValidating ? <Tag color="processing">{t('import.status.validating')}</Tag> : <Tag color={statusColors[r.status]}>{t(`import.status.${r.status}`)}</Tag>}
          {r.isIncomplete && <Tag color="warning">{t('import.status.incomplete')}</Tag>}
        </span>
      ),
    },
    { title: t('import.file.rows'), dataIndex: 'rowCount', key: 'rows', width: 90 },
    {
      title: t('import.history.counts'),
      key: 'counts',
      width: 300,
      ellipsis: true,
      render: (_: unknown, r: Import) =>
        r.status === 'uploaded'
          ? ''
          : r.status === 'validated'
            ? t('import.history.checkText', { create: r.toCreate, duplicates: r.duplicates, rejected: r.rejected })
            : t('import.history.countsText', { created: r.created, merged: r.merged, skipped: r.skipped, rejected: r.rejected }),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 170,
      render: (_: unknown, r: Import) => (
        <Space size={4}>
          {r.status !== 'uploaded' && (
            <Button size="small" type="link" onClick={() => onOpen(r)} data-testid={`import-open-${r.id}`}>
              {t('import.open')}
            </Button>
          )}
          {r.isIncomplete && (
            <Button size="small" onClick={() => onResume(r)} loading={busy === r.id && resume.isPending} data-testid={`import-resume-${r.id}`}>
              {t('import.resume')}
            </Button>
          )}
          {isAdmin && (r.status === 'done' || r.isIncomplete) && (
            <Popconfirm
              title={<div style={{ maxWidth: 320 }}>{t('import.undo.confirm', { file: r.fileName })}</div>}
              onConfirm={() => onUndo(r)}
              okButtonProps={{ danger: true, id: 'import-undo-ok' }}
            >
              <Button size="small" danger loading={busy === r.id && undo.isPending} data-testid={`import-undo-${r.id}`}>
                {t('import.undo')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <div data-testid="import-history">
      <Typography.Title level={5}>{t('import.history')}</Typography.Title>
      <Table<Import>
        data-testid="import-history-table"
        rowKey="id"
        size="small"
        loading={list.isFetching && !list.data}
        dataSource={list.data?.items ?? []}
        columns={columns}
        scroll={{ x: 1000 }}
        onChange={(p) => setPaging({ page: p.current ?? 1, pageSize: p.pageSize ?? 10 })}
        pagination={{ current: paging.page, pageSize: paging.pageSize, total: list.data?.total ?? 0, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total }) }}
      />
    </div>
  );
}
