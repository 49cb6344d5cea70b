import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { can, type Action } from '../../../common/roles.js';
import { useMe } from '../api/session';
import { Loading } from '../components/loading';

export function RequireAuth({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <Loading />;
  if (!me.data) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return children;
}

/** Shows `fallback` (a friendly 403) instead of the page when the role lacks the right. */
export function RequirePermission({ action, fallback, children }: { action: Action; fallback: ReactNode; children: ReactNode }) {
  const me = useMe();
  if (!me.data) return null;
  return can(me.data.role, action) ? children : fallback;
}
