import type { HTMLAttributes } from 'react';

// Title and Text for the screens on everyone's way in (login, app shell, home, customer screen),
// in the look of antd's Typography (global.css, `.kehu-text`). antd's Typography also carries
// editing, copying and measured ellipsis — with TextArea, Tooltip and their icons — which none
// of these screens uses and the bundle budget cannot spare. The other pages keep antd's.

interface TextProps extends HTMLAttributes<HTMLSpanElement> {
  type?: 'secondary' | 'danger';
  /** One line, cut with "…". */
  ellipsis?: boolean;
}

const classes = (...names: (string | false | undefined)[]) => names.filter(Boolean).join(' ');

export function Text({ type, ellipsis, className, ...rest }: TextProps) {
  return <span className={classes('kehu-text', type && `kehu-text-${type}`, ellipsis && 'kehu-text-ellipsis', className)} {...rest} />;
}

/** A level-4 heading (antd's `Typography.Title level={4}`). */
export function Title({ className, ...rest }: HTMLAttributes<HTMLHeadingElement>) {
  return <h4 className={classes('kehu-title', className)} {...rest} />;
}
