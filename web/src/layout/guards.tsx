import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { can, type Action, type Role } from '../../../common/roles.js';
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

/**
 * Shows `fallback` unless the user has one of `roles`. For screens without an action name in the
 * shared role matrix yet (customers: admin and sales; the recycle bin: admin).
 */
export function RequireRole({ roles, fallback, children }: { roles: readonly Role[]; fallback: ReactNode; children: ReactNode }) {
  const me = useMe();
  if (!me.data) return null;
  return roles.includes(me.data.role) ? children : fallback;
}

/** Roles that own customers: for them the customer screen is the home page. */
export const customerRoles: readonly Role[] = ['admin', 'sales'];
