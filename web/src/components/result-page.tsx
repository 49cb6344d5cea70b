import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { useT } from '../i18n/i18n';

export function ForbiddenPage() {
  const t = useT();
  return (
    <Result
      status="403"
      title={t('forbidden.title')}
      subTitle={t('forbidden.text')}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
    />
  );
}

export function NotFoundPage() {
  const t = useT();
  return (
    <Result
      status="404"
      title={t('notFound.title')}
      subTitle={t('notFound.text')}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
    />
  );
}
