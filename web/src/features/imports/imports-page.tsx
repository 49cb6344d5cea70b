import { useState } from 'react';
import { Card, Steps, Typography } from 'antd';
import { can } from '../../../../common/roles.js';
import { useMe } from '../../api/session';
import type { Import, UploadedImport } from '../../api/types';
import { useT } from '../../i18n/i18n';
import { CommitStep } from './commit-step';
import { ImportHistory } from './import-history';
import { MappingStep } from './mapping-step';
import { UploadStep } from './upload-step';
import { ValidationStep } from './validation-step';

type Wizard =
  | { step: 0 }
  | { step: 1; upload: UploadedImport }
  | { step: 2; imp: Import; upload?: UploadedImport }
  | { step: 3; imp: Import };

/** 导入客户: upload → map columns → check → import, and the history of past imports. */
export function ImportsPage() {
  const t = useT();
  const me = useMe().data;
  const isAdmin = !!me && can(me.role, 'customers.admin');
  const [wizard, setWizard] = useState<Wizard>({ step: 0 });

  const open = (imp: Import) => setWizard(imp.status === 'validated' ? { step: 2, imp } : { step: 3, imp });

  return (
    <div data-testid="imports-page" className="kehu-imports">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('import.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('import.hint')}</Typography.Paragraph>
      <Steps
        size="small"
        current={wizard.step}
        style={{ marginBottom: 16, maxWidth: 900 }}
        data-testid="import-steps"
        items={[
          { title: t('import.step.upload') },
          { title: t('import.step.mapping') },
          { title: t('import.step.validate') },
          { title: t('import.step.commit') },
        ]}
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        {wizard.step === 0 && <UploadStep onUploaded={(upload) => setWizard({ step: 1, upload })} />}
        {wizard.step === 1 && (
          <MappingStep
            key={wizard.upload.id}
            upload={wizard.upload}
            isAdmin={isAdmin}
            onBack={() => setWizard({ step: 0 })}
            onValidated={(imp) => setWizard({ step: 2, imp, upload: wizard.upload })}
          />
        )}
        {wizard.step === 2 && (
          <ValidationStep
            key={`${wizard.imp.id}-${wizard.imp.toCreate}-${wizard.imp.duplicates}-${wizard.imp.rejected}`}
            imp={wizard.imp}
            onBack={() => {
              const upload = wizard.upload;
              // Back to the mapping as validated (the preview is only known right after the upload).
              setWizard(upload ? { step: 1, upload: { ...upload, mapping: wizard.imp.mapping, defaults: wizard.imp.defaults } } : { step: 0 });
            }}
            onCommitted={(imp) => setWizard({ step: 3, imp })}
          />
        )}
        {wizard.step === 3 && <CommitStep key={wizard.imp.id} initial={wizard.imp} onRestart={() => setWizard({ step: 0 })} />}
      </Card>
      <ImportHistory isAdmin={isAdmin} onOpen={open} />
    </div>
  );
}
