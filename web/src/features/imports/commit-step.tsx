import { useEffect, useRef } from 'react';
import { Alert, Button, Progress, Space, Statistic, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { errorText } from '../../api/client';
import { useCommitImport, useImport, useInvalidateAfterImport } from '../../api/imports';
import type { Import } from '../../api/types';
import { useMessages } from '../../components/messages';
import { useT } from '../../i18n/i18n';

/** Step 4: the commit running in the background, its progress, and the final counts. */
export function CommitStep({ initial, onRestart }: { initial: Import; onRestart: () => void }) {
  const t = useT();
  const { report } = useMessages();
  const navigate = useNavigate();
  const query = useImport(initial.id);
  const resume = useCommitImport();
  const invalidate = useInvalidateAfterImport();
  const imp = query.data ?? initial;
  // Report the end once, and only of a commit this screen watched running.
  const watching = useRef(imp.status === 'committing');

  useEffect(() => {
    if (imp.status === 'committing') watching.current = true;
    if (imp.status === 'done' && watching.current) {
      watching.current = false;
      report({
        type: 'success',
        text: t('import.commit.done', { file: imp.fileName, created: imp.created, merged: imp.merged, skipped: imp.skipped, rejected: imp.rejected }),
      });
      void invalidate();
    }
  }, [imp, report, t, invalidate]);

  useEffect(() => {
    if (query.error) report({ type: 'error', text: t('import.commit.failed', { file: initial.fileName, reason: errorText(query.error) }) });
  }, [query.error, report, t, initial.fileName]);

  const onResume = () => {
    resume.mutate(
      { id: imp.id, body: { duplicateAction: imp.duplicateAction ?? 'skip' } },
      {
        onSuccess: () => {
          watching.current = true;
          report({ type: 'info', text: t('import.resume.started', { file: imp.fileName }) });
        },
        onError: (e) => report({ type: 'error', text: t('import.resume.failed', { file: imp.fileName, reason: errorText(e) }) }),
      },
    );
  };

  const total = Math.max(imp.total, 1);
  const percent = imp.status === 'done' ? 100 : Math.min(99, Math.floor((imp.processed / total) * 100));
  const running = imp.status === 'committing' && !imp.isIncomplete;

  return (
    <div data-testid="import-commit-step" data-status={imp.status}>
      <Typography.Paragraph strong style={{ marginBottom: 4 }}>
        {imp.fileName}
      </Typography.Paragraph>
      <Progress
        percent={percent}
        status={imp.isIncomplete ? 'exception' : imp.status === 'done' ? 'success' : 'active'}
        data-testid="import-progress"
        style={{ maxWidth: 640 }}
      />
      {running && <Typography.Paragraph type="secondary">{t('import.commit.running', { processed: imp.processed, total: imp.total })}</Typography.Paragraph>}
      {imp.isIncomplete && (
        <Alert
          type="warning"
          showIcon
          style={{ margin: '12px 0', maxWidth: 640 }}
          title={t('import.commit.incomplete', { processed: imp.processed, total: imp.total })}
          action={
            <Button size="small" type="primary" onClick={onResume} loading={resume.isPending} data-testid="import-resume">
              {t('import.resume')}
            </Button>
          }
        />
      )}
      {imp.status === 'undone' && <Alert type="info" style={{ margin: '12px 0', maxWidth: 640 }} title={t('import.status.undone')} />}
      <Space size={40} style={{ display: 'flex', margin: '12px 0' }} wrap data-testid="import-result">
        <Statistic title={t('import.result.created')} value={imp.created} data-testid="import-result-created" />
        <Statistic title={t('import.result.merged')} value={imp.merged} data-testid="import-result-merged" />
        <Statistic title={t('import.result.skipped')} value={imp.skipped} data-testid="import-result-skipped" />
        <Statistic title={t('import.result.rejected')} value={imp.rejected} data-testid="import-result-rejected" />
      </Space>
      <div>
        <Space>
          <Button type="primary" disabled={running} onClick={() => navigate('/customers')} data-testid="import-to-customers">
            {t('import.toCustomers')}
          </Button>
          <Button onClick={onRestart} disabled={running} data-testid="import-restart">
            {t('import.restart')}
          </Button>
        </Space>
      </div>
    </div>
  );
}
