import { useMemo, useState } from 'react';
import { Alert, Button, Descriptions, Form, Progress, Select, Space, Table, Tag, Typography, type TableProps } from 'antd';
import { errorText } from '../../api/client';
import { useOwnerCandidates, useStatuses } from '../../api/customers';
import { useValidateImport, useValidationProgress } from '../../api/imports';
import type { Import, ImportField, UploadedImport } from '../../api/types';
import { useMessages } from '../../components/messages';
import { useT } from '../../i18n/i18n';
import { fieldGroups, fieldLabel, requiredFields } from './fields';

interface ColumnRow {
  index: number;
  column: string;
  sample: string;
}

/** Step 2: which Kehu field each column of the file fills, the defaults, and the first rows. */
export function MappingStep({
  upload,
  isAdmin,
  onBack,
  onValidated,
}: {
  upload: UploadedImport;
  isAdmin: boolean;
  onBack: () => void;
  onValidated: (imp: Import) => void;
}) {
  const t = useT();
  const { report } = useMessages();
  const statuses = useStatuses();
  const owners = useOwnerCandidates(isAdmin);
  const validate = useValidateImport();
  const [mapping, setMapping] = useState<(ImportField | null)[]>(() =>
    upload.columns.map((_, i) => {
      const f = upload.mapping?.[i] ?? upload.suggestedMapping[i] ?? null;
      // A salesperson cannot import owners: never pre-fill that column for them.
      return f === 'owner' && !isAdmin ? null : f;
    }),
  );
  const [statusId, setStatusId] = useState<string | undefined>(upload.defaults?.statusId);
  const [ownerId, setOwnerId] = useState<string | undefined>(upload.defaults?.ownerId);
  const defaultStatus = statusId ?? statuses.data?.[0]?.id;

  const used = useMemo(() => new Set(mapping.filter((f): f is ImportField => !!f)), [mapping]);
  const missing = requiredFields.filter((f) => !used.has(f));

  const options = useMemo(
    () => [
      { value: '', label: t('import.mapping.ignore') },
      ...fieldGroups(t, isAdmin).map((g) => ({
        label: g.label,
        options: g.fields.map((f) => ({
          value: f,
          label: requiredFields.includes(f) ? `${fieldLabel(t, f)}${t('import.mapping.requiredMark')}` : fieldLabel(t, f),
        })),
      })),
    ],
    [t, isAdmin],
  );

  const rows: ColumnRow[] = upload.columns.map((column, index) => ({
    index,
    column,
    sample: upload.preview
      .slice(0, 3)
      .map((r) => r[index] ?? '')
      .filter((v) => v !== '')
      .join(' / '),
  }));

  const columns: TableProps<ColumnRow>['columns'] = [
    { title: t('import.mapping.column'), dataIndex: 'column', key: 'column', width: 160, ellipsis: true },
    { title: t('import.mapping.sample'), dataIndex: 'sample', key: 'sample', ellipsis: true },
    {
      title: t('import.mapping.field'),
      key: 'field',
      width: 240,
      render: (_: unknown, r: ColumnRow) => {
        const value = mapping[r.index] ?? '';
        return (
          <Select
            size="small"
            style={{ width: '100%' }}
            value={value}
            data-testid={`mapping-${r.index}`}
            id={`mapping-${r.index}`}
            showSearch={{ optionFilterProp: 'label' }}
            options={options.map((o) =>
              'options' in o
                ? { ...o, options: o.options.map((x) => ({ ...x, disabled: x.value !== value && used.has(x.value) })) }
                : o,
            )}
            onChange={(v: string) => setMapping((m) => m.map((f, i) => (i === r.index ? ((v || null) as ImportField | null) : f)))}
          />
        );
      },
    },
  ];

  const previewRows = upload.preview.slice(0, 5).map((cells, i) => ({ key: i, cells }));
  const previewColumns: TableProps<{ key: number; cells: string[] }>['columns'] = upload.columns.map((c, i) => {
    const f = mapping[i];
    return {
      key: String(i),
      width: 140,
      ellipsis: true,
      title: (
        <div>
          <div>{c}</div>
          {f ? <Tag color="blue">{fieldLabel(t, f)}</Tag> : <Tag>{t('import.mapping.ignore')}</Tag>}
        </div>
      ),
      render: (_: unknown, row: { cells: string[] }) => row.cells[i] ?? '',
    };
  });

  const onValidate = () => {
    if (!defaultStatus) return;
    validate.mutate(
      { id: upload.id, body: { mapping, defaults: { statusId: defaultStatus, ...(isAdmin && ownerId ? { ownerId } : {}) } } },
      {
        onSuccess: (imp) => {
          report({
            type: 'success',
            text: t('import.validate.done', { create: imp.toCreate, duplicates: imp.duplicates, rejected: imp.rejected }),
          });
          onValidated(imp);
        },
        onError: (e) => report({ type: 'error', text: t('import.validate.failed', { reason: errorText(e) }) }),
      },
    );
  };

  return (
    <div data-testid="import-mapping">
      <Descriptions size="small" column={upload.format === 'csv' ? 4 : 3} style={{ marginBottom: 12 }} data-testid="import-file-info">
        <Descriptions.Item label={t('import.file.name')}>{upload.fileName}</Descriptions.Item>
        <Descriptions.Item label={t('import.file.format')}>{upload.format.toUpperCase()}</Descriptions.Item>
        {upload.format === 'csv' && <Descriptions.Item label={t('import.file.encoding')}>{upload.encoding.toUpperCase()}</Descriptions.Item>}
        <Descriptions.Item label={t('import.file.rows')}>{upload.rowCount}</Descriptions.Item>
      </Descriptions>
      <Form layout="inline" style={{ marginBottom: 12, rowGap: 8 }}>
        <Form.Item label={t('import.mapping.defaultStatus')} tooltip={t('import.mapping.defaultStatusHint')}>
          <Select
            style={{ width: 160 }}
            value={defaultStatus}
            onChange={setStatusId}
            loading={statuses.isPending}
            options={(statuses.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
            data-testid="import-default-status"
          />
        </Form.Item>
        {isAdmin ? (
          <Form.Item label={t('import.mapping.defaultOwner')} tooltip={t('import.mapping.defaultOwnerHint')}>
            <Select
              allowClear
              style={{ width: 160 }}
              value={ownerId}
              onChange={(v: string | undefined) => setOwnerId(v)}
              showSearch={{ optionFilterProp: 'label' }}
              loading={owners.isPending}
              options={(owners.data ?? []).map((u) => ({ value: u.id, label: u.displayName }))}
              data-testid="import-default-owner"
            />
          </Form.Item>
        ) : (
          <Typography.Text type="secondary" style={{ lineHeight: '32px' }}>
            {t('import.mapping.ownerSelf')}
          </Typography.Text>
        )}
      </Form>
      {missing.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="import-mapping-missing"
          title={t('import.mapping.requiredMissing', { fields: missing.map((f) => fieldLabel(t, f)).join(t('import.listSeparator')) })}
        />
      )}
      <Table<ColumnRow>
        data-testid="import-mapping-table"
        rowKey="index"
        size="small"
        pagination={false}
        dataSource={rows}
        columns={columns}
        scroll={{ y: 300 }}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('import.mapping.preview')}
      </Typography.Title>
      <Table<{ key: number; cells: string[] }>
        data-testid="import-preview"
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={previewRows}
        columns={previewColumns}
        scroll={{ x: upload.columns.length * 140 }}
      />
      {validate.isPending && <ValidationProgress id={upload.id} total={upload.rowCount} />}
      <Space style={{ marginTop: 16 }}>
        <Button onClick={onBack} disabled={validate.isPending}>
          {t('import.back')}
        </Button>
        <Button type="primary" onClick={onValidate} loading={validate.isPending} disabled={missing.length > 0 || !defaultStatus} data-testid="import-validate">
          {t('import.validate')}
        </Button>
      </Space>
    </div>
  );
}

/** Rows checked so far by the running validation (a large file takes seconds). */
function ValidationProgress({ id, total }: { id: string; total: number }) {
  const t = useT();
  const progress = useValidationProgress(id);
  const checked = progress.data?.isValidating ? progress.data.validatedRows : 0;
  return (
    <div style={{ marginTop: 16, maxWidth: 480 }} data-testid="import-validate-progress">
      <Progress percent={total ? Math.min(99, Math.floor((checked / total) * 100)) : 0} status="active" />
      <Typography.Text type="secondary">{t('import.validate.progress', { checked, total })}</Typography.Text>
    </div>
  );
}
