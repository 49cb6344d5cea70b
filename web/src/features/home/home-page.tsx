import { Card, Typography } from 'antd';
import { useMe } from '../../api/session';
import { useT } from '../../i18n/i18n';

export function HomePage() {
  const t = useT();
  const me = useMe().data;
  if (!me) return null;
  return (
    <Card style={{ maxWidth: 640 }}>
      <Typography.Title level={3} data-testid="home-welcome">
        {t('home.welcome', { name: me.displayName })}
      </Typography.Title>
      <Typography.Paragraph data-testid="home-role">{t('home.role', { role: t(`role.${me.role}`) })}</Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t('home.hint')}</Typography.Paragraph>
    </Card>
  );
}
