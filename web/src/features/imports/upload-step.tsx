import { Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { errorText } from '../../api/client';
import { useUploadImport } from '../../api/imports';
import type { UploadedImport } from '../../api/types';
import { useMessages } from '../../components/messages';
import { useT } from '../../i18n/i18n';

/** Step 1: drop an xlsx or CSV file; it is uploaded at once. */
export function UploadStep({ onUploaded }: { onUploaded: (imp: UploadedImport) => void }) {
  const t = useT();
  const { report } = useMessages();
  const upload = useUploadImport();

  const onFile = (file: File) => {
    upload.mutate(file, {
      onSuccess: (imp) => {
        report({ type: 'success', text: t('import.upload.done', { file: imp.fileName, rows: imp.rowCount }) });
        onUploaded(imp);
      },
      onError: (e) => report({ type: 'error', text: t('import.upload.failed', { file: file.name, reason: errorText(e) }) }),
    });
  };

  return (
    <div data-testid="import-upload">
      <Upload.Dragger
        accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
        multiple={false}
        showUploadList={false}
        disabled={upload.isPending}
        beforeUpload={(file) => {
          onFile(file);
          return false;
        }}
        style={{ padding: '8px 0' }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{upload.isPending ? '…' : t('import.upload.drop')}</p>
        <p className="ant-upload-hint">{t('import.upload.formats')}</p>
      </Upload.Dragger>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        {t('import.upload.sample')}
      </Typography.Paragraph>
    </div>
  );
}
