import { Button, Dropdown } from 'antd';
import { DownOutlined, ExportOutlined, FileExcelOutlined, FileTextOutlined } from '@ant-design/icons';
import { errorText } from '../../api/client';
import { downloadFile } from '../../api/download';
import { useMessages } from '../../components/messages';
import { useT } from '../../i18n/i18n';

type Query = Record<string, string | number | boolean | null | undefined>;

/** Excel / CSV download of a report with its current filter; the outcome goes to the message area. */
export function ExportMenu({ path, query, baseName, what, testId }: { path: string; query: Query; baseName: string; what: string; testId: string }) {
  const t = useT();
  const { report } = useMessages();
  const run = (format: 'xlsx' | 'csv') => {
    const label = format === 'xlsx' ? 'Excel' : 'CSV';
    downloadFile(path, { ...query, format }, `${baseName}.${format}`)
      .then(() => report({ type: 'success', text: t('report.exported', { what, format: label }) }))
      .catch((e: unknown) => report({ type: 'error', text: t('report.exportFailed', { what, reason: errorText(e) }) }));
  };
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'xlsx', label: t('customer.exportXlsx'), icon: <FileExcelOutlined />, onClick: () => run('xlsx') },
          { key: 'csv', label: t('customer.exportCsv'), icon: <FileTextOutlined />, onClick: () => run('csv') },
        ],
      }}
    >
      <Button icon={<ExportOutlined />} data-testid={testId}>
        {t('customer.export')} <DownOutlined />
      </Button>
    </Dropdown>
  );
}
