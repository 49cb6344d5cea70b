import type { HTMLAttributes, ReactNode } from 'react';

// A card (title, extra, body) for the login page and the home page, in the look of antd's Card
// (global.css, `.kehu-panel`). antd's Card brings Skeleton for its loading state, with its own
// code, used by neither. The other pages keep using antd's Card.

interface PanelProps extends Omit<HTMLAttributes<HTMLDivElement>, 'title'> {
  title?: ReactNode;
  extra?: ReactNode;
  size?: 'default' | 'small';
}

export function Panel({ title, extra, size = 'default', className, children, ...rest }: PanelProps) {
  return (
    <div className={`kehu-panel${size === 'small' ? ' kehu-panel-small' : ''}${className ? ` ${className}` : ''}`} {...rest}>
      {title !== undefined && (
        <div className="kehu-panel-head">
          <div className="kehu-panel-title">{title}</div>
          {extra !== undefined && <div className="kehu-panel-extra">{extra}</div>}
        </div>
      )}
      <div className="kehu-panel-body">{children}</div>
    </div>
  );
}
